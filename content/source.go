package content

import (
	"bytes"
	"unicode/utf8"
)

// Source is one workspace file held in memory with an index of its line
// starts, so any byte offset becomes a Position without rescanning.
type Source struct {
	Path  string // relative to the workspace root, slash-separated
	Data  []byte
	lines []int // byte offset where each line starts
}

// NewSource indexes data read from path.
func NewSource(path string, data []byte) *Source {
	lines := make([]int, 1, len(data)/32+2)
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		lines = append(lines, i)
	}
	return &Source{Path: path, Data: data, lines: lines}
}

// Pos returns the position of byte offset off. Offsets outside the file are
// clamped to its ends. The column counts code points from the line start.
func (s *Source) Pos(off int) Position {
	if off < 0 {
		off = 0
	}
	if off > len(s.Data) {
		off = len(s.Data)
	}
	// The last line that starts at or before off (lines[0] is 0).
	lo, hi := 0, len(s.lines)
	for hi-lo > 1 {
		if m := int(uint(lo+hi) >> 1); s.lines[m] <= off {
			lo = m
		} else {
			hi = m
		}
	}
	line, start := lo, s.lines[lo]
	return Position{
		File:   s.Path,
		Line:   line + 1,
		Column: runeCount(s.Data[start:off]) + 1,
		Offset: off,
	}
}

// Offset returns the byte offset of a 1-based line and column (in code
// points), or -1 when the file has no such place.
func (s *Source) Offset(line, col int) int {
	if line < 1 || line > len(s.lines) || col < 1 {
		return -1
	}
	off := s.lines[line-1]
	for c := 1; c < col; c++ {
		if off >= len(s.Data) || s.Data[off] == '\n' {
			return -1
		}
		_, n := utf8.DecodeRune(s.Data[off:])
		off += n
	}
	return off
}

// LineCount is the number of lines in the file.
func (s *Source) LineCount() int { return len(s.lines) }

// runeCount is utf8.RuneCount without its allocation: for text outside
// ASCII, the standard library counts a string copy of the bytes.
func runeCount(p []byte) int {
	n := 0
	for i := 0; i < len(p); n++ {
		if p[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, w := utf8.DecodeRune(p[i:])
		i += w
	}
	return n
}
