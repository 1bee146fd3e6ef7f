package email

import (
	"bytes"
	"mime/quotedprintable"
	"strings"
	"testing"
)

// stdQP is what mime/quotedprintable's Writer makes of s: the reference
// appendQP must match byte for byte.
func stdQP(s string) string {
	var b bytes.Buffer
	w := quotedprintable.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

var qpSamples = []string{
	"", "a", "=", " ", "\t", "a ", "a\t", "a \n", "a\t\r\nb", "\r", "\n", "\r\n", "\n\r", "\r\r\n\n",
	"\r=\n", "\r\xff\nx", "caf\u00e9", "价格 ￥499.00", "a = b\r\n",
	strings.Repeat("x", 75), strings.Repeat("x", 76), strings.Repeat("x", 77), strings.Repeat("x", 74) + "=",
	strings.Repeat("x", 73) + "é", strings.Repeat("x", 74) + " ", strings.Repeat("x", 75) + " \n",
	strings.Repeat("x", 72) + "\t\t\t\t", strings.Repeat("ab cd ", 40), strings.Repeat("é", 60),
	"<p style=\"margin:0\">Hello</p>\n<p>World</p> \n",
}

func TestAppendQPIsTheWriter(t *testing.T) {
	for _, s := range qpSamples {
		if got, want := string(appendQP(nil, s)), stdQP(s); got != want {
			t.Errorf("appendQP(%q) = %q, want %q", s, got, want)
		}
	}
	// Appending keeps what dst holds and counts lines from its end.
	if got, want := string(appendQP([]byte("head\r\n"), strings.Repeat("y", 80))), "head\r\n"+stdQP(strings.Repeat("y", 80)); got != want {
		t.Errorf("appendQP after a prefix = %q, want %q", got, want)
	}
}

func FuzzAppendQP(f *testing.F) {
	for _, s := range qpSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendQP(nil, s)), stdQP(s); got != want {
			t.Errorf("appendQP(%q) = %q, want %q", s, got, want)
		}
	})
}
