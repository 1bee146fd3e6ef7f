package compose

import (
	"strings"
	"testing"
)

// isClean must hold exactly when collapse gives its (valid UTF-8) text
// back, so that Clean's shortcut changes nothing and is taken whenever it
// can be.
func checkIsClean(t *testing.T, s string) {
	t.Helper()
	if got, want := isClean(s), collapse(s) == s; got != want {
		t.Errorf("isClean(%q) = %v, but collapse gives %q", s, got, collapse(s))
	}
}

var cleanSamples = []string{
	"", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\nb", "a\x00b", "a\x7fb", "a\u00a0b", "a\u0085b",
	"a\u2028b", "a\u3000b", "a\u200bb", "\ufffd", "价格 ￥499", "Ελληνικά κείμενο", "😀 ok", "a\u0301 b",
}

func FuzzIsClean(f *testing.F) {
	for _, s := range cleanSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkIsClean(t, strings.ToValidUTF8(s, "\uFFFD")) // as Clean hands it on
	})
}
