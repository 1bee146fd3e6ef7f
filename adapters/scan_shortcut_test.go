package adapters

import (
	"regexp"
	"slices"
	"testing"
	"unicode/utf8"
)

// asciiWord is what nextToken finds: a letter or digit, then letters,
// digits, '_' and '-' as long as it ends in a letter or digit.
var asciiWord = regexp.MustCompile(`[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?`)

// checkScanShortcuts compares the scanner's hand-written shortcuts with
// what they stand for on s.
func checkScanShortcuts(t *testing.T, s string) {
	t.Helper()
	var got [][2]int
	for tk := nextToken(s, 0); tk[0] < tk[1]; tk = nextToken(s, tk[1]) {
		got = append(got, tk)
	}
	var want [][2]int
	for _, m := range asciiWord.FindAllStringIndex(s, -1) {
		want = append(want, [2]int{m[0], m[1]})
	}
	if !slices.Equal(got, want) {
		t.Errorf("tokens of %q: %v, want %v", s, got, want)
	}
	if !greekMonthAfterDay(s) && elDateRE().MatchString(s) {
		t.Errorf("greekMonthAfterDay(%q) is false, but elDateRE matches", s)
	}
	if got, want := findFrom(enMonthDayRE, s, firstMonth(s), true), enMonthDayRE().FindAllStringSubmatchIndex(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("enMonthDayRE from the first month in %q: %v, want %v", s, got, want)
	}
	if utf8.ValidString(s) {
		rs := []rune(s)
		var want [][2]int
		for _, u := range extractURLs(rs, true) {
			want = append(want, [2]int{len(string(rs[:u.start])), len(string(rs[:u.end]))})
		}
		if got := urlByteSpans(s); !slices.Equal(got, want) {
			t.Errorf("urlByteSpans(%q) = %v, want %v", s, got, want)
		}
	}
}

var shortcutSamples = []string{
	"", "a", "-a-", "SPRING20 code_x-1 --x__", "ab--cd", "ab-_cd-", "30 Απριλίου 2026", "3\n\tΜαΐου", "3Μαΐου", "7 αγορές",
	"δείτε acme.gr/προσφορά και https://x.example/a?b=1.", "no dot here", "a.b", "中文 acme.cn/x", "12 ΙΑΝ",
	"Ends April 30, 2025", "xMay 5 and June 7th, 2026", "Mayor May 3", "_Jan 4", "éMar 2", "Sept. 9 Sep 10", "Dec", "on Aug\n1",
}

func FuzzScanShortcuts(f *testing.F) {
	for _, s := range shortcutSamples {
		f.Add(s)
	}
	f.Fuzz(checkScanShortcuts)
}
