package content

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestSourcePos compares Pos and Offset with a count from the start of
// the file, at every offset of texts with empty, CRLF and non-ASCII lines.
func TestSourcePos(t *testing.T) {
	for _, text := range []string{"", "a", "\n", "\n\n", "ab\ncd", "ab\ncd\n", "α\r\nβγ\n\nδ", "一二\n三"} {
		src := NewSource("f.md", []byte(text))
		for off := 0; off <= len(text); off++ {
			start := strings.LastIndexByte(text[:off], '\n') + 1
			line, col := strings.Count(text[:off], "\n")+1, utf8.RuneCountInString(text[start:off])+1
			want := Position{File: "f.md", Line: line, Column: col, Offset: off}
			if got := src.Pos(off); got != want {
				t.Errorf("%q: Pos(%d) = %+v, want %+v", text, off, got, want)
			}
			if utf8.RuneStart(append([]byte(text), 0)[off]) {
				if got := src.Offset(line, col); got != off {
					t.Errorf("%q: Offset(%d, %d) = %d, want %d", text, line, col, got, off)
				}
			}
		}
		if got, want := src.Pos(len(text)+5), src.Pos(len(text)); got != want {
			t.Errorf("%q: Pos past the end = %+v, want %+v", text, got, want)
		}
		if got, want := src.Pos(-3), src.Pos(0); got != want {
			t.Errorf("%q: Pos(-3) = %+v, want %+v", text, got, want)
		}
	}
}

func TestRuneCount(t *testing.T) {
	for _, s := range []string{"", "abc", "αβγ", "a一b", "\xff\xfe", "α\x80β", "\xe4\xb8", "€\xe2\x82"} {
		if got, want := runeCount([]byte(s)), utf8.RuneCount([]byte(s)); got != want {
			t.Errorf("runeCount(%q) = %d, want %d", s, got, want)
		}
	}
}
