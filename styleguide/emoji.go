package styleguide

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/chorus-dev/chorus/content"
	"github.com/rivo/uniseg"
)

// emojiRule names the channels where emoji are allowed. Text every
// channel shares may hold emoji only when all channels allow them
// (emoji.source); text for one channel (an override, a rendered variant)
// only when that channel does (emoji.channel).
type emojiRule struct {
	source, channel ruleHead
	allow           []string
	all             bool     // "*": every channel
	known           []string // the known channels, when given
}

func decodeEmoji(b *builder, n *node, path string) {
	d := &b.c.d
	if !d.mapping(n, path, "allow", "severity", "only") {
		return
	}
	h := b.head(n, path, "", content.Warning)
	r := &emojiRule{source: h, channel: h, known: b.g.known}
	r.source.id, r.channel.id = "emoji.source", "emoji.channel"
	if v := n.get("allow"); v != nil {
		for _, a := range d.strList(v, path+".allow") {
			if a.y.Value == "*" {
				r.all = true
				continue
			}
			if d.channel(a, path+".allow", a.y.Value) {
				r.allow = append(r.allow, a.y.Value)
			}
		}
	}
	slices.Sort(r.allow)
	r.allow = slices.Compact(r.allow)
	b.rs.emoji = r
	b.rs.checks = append(b.rs.checks, r)
}

func (x *emojiRule) allowed(ch string) bool {
	return x.all || slices.Contains(x.allow, ch)
}

// everywhere reports whether every channel allows emoji.
func (x *emojiRule) everywhere() bool {
	if x.all {
		return true
	}
	if len(x.known) == 0 {
		return false
	}
	for _, k := range x.known {
		if !slices.Contains(x.allow, k) {
			return false
		}
	}
	return true
}

func (x *emojiRule) check(r *run) {
	for i := range r.blocks {
		b := &r.blocks[i]
		if b.ascii {
			continue // every emoji has a non-ASCII character
		}
		h := &x.channel
		var msg func(e string) string
		switch {
		case b.channel == "":
			if x.everywhere() || !r.applies(&x.source, b) {
				continue
			}
			h = &x.source
			if len(x.allow) == 0 {
				msg = func(e string) string { return fmt.Sprintf("emoji %q: emoji are not allowed on any channel", e) }
			} else {
				allow := strings.Join(x.allow, ", ")
				msg = func(e string) string {
					return fmt.Sprintf("emoji %q in text every channel shares; emoji are allowed only on %s (put them in those channels' overrides)", e, allow)
				}
			}
		case x.allowed(b.channel) || !r.applies(&x.channel, b):
			continue
		default:
			ch := b.channel
			msg = func(e string) string { return fmt.Sprintf("emoji %q is not allowed on %s", e, ch) }
		}
		forEachEmoji(b.text, func(start, end int) {
			// Removing the emoji also removes one space, so that no double
			// space is left.
			fixEnd := end
			if end < len(b.text) && b.text[end] == ' ' && (start == 0 || b.text[start-1] == ' ') {
				fixEnd++
			}
			r.emit(h, b, start, end, fixEnd, msg(b.text[start:end]), ptr(""), dedupSpan)
		})
	}
}

func ptr(s string) *string { return &s }

// forEachEmoji calls fn for each emoji in text: a grapheme cluster that
// starts with an Extended_Pictographic character shown as emoji (emoji
// presentation by default, or with U+FE0F), a flag (regional indicator
// pair), or a keycap (#, * or a digit with U+20E3).
func forEachEmoji(text string, fn func(start, end int)) {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if c == '#' || c == '*' || ('0' <= c && c <= '9') {
				j := i + 1
				if strings.HasPrefix(text[j:], "\ufe0f") {
					j += len("\ufe0f")
				}
				if strings.HasPrefix(text[j:], "\u20e3") {
					j += len("\u20e3")
					fn(i, j)
					i = j
					continue
				}
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(text[i:])
		ri := unicode.Is(unicode.Regional_Indicator, r)
		if ri || isExtPict(r) {
			cluster, _, width, _ := uniseg.FirstGraphemeClusterInString(text[i:], -1)
			if ri || width >= 2 {
				fn(i, i+len(cluster))
			}
			i += len(cluster)
			continue
		}
		i += w
	}
}

// Extended_Pictographic code points all lie in these blocks (Unicode
// emoji-data.txt); within them uniseg decides, see probeExtPict.
var extPictBlocks = [...][2]rune{{0x00a9, 0x00ae}, {0x203c, 0x3299}, {0x1f000, 0x1fffd}}

var extPictSet = sync.OnceValue(func() map[rune]bool {
	set := map[rune]bool{}
	for _, blk := range extPictBlocks {
		for r := blk[0]; r <= blk[1]; r++ {
			if probeExtPict(r) {
				set[r] = true
			}
		}
	}
	return set
})

// isExtPict reports whether r has the Unicode property
// Extended_Pictographic.
func isExtPict(r rune) bool {
	for _, blk := range extPictBlocks {
		if blk[0] <= r && r <= blk[1] {
			return extPictSet()[r]
		}
	}
	return false
}

// probeExtPict asks uniseg for the Extended_Pictographic property, which
// it does not export: by grapheme rule GB11 a zero width joiner binds a
// following Extended_Pictographic character to a preceding one (☺ is
// one), and binds nothing after a letter.
func probeExtPict(r rune) bool {
	var buf [16]byte
	joined := func(base rune) bool {
		b := utf8.AppendRune(buf[:0], base)
		b = utf8.AppendRune(b, '\u200d')
		b = utf8.AppendRune(b, r)
		cluster, _, _, _ := uniseg.FirstGraphemeCluster(b, -1)
		return len(cluster) == len(b)
	}
	return joined('\u263a') && !joined('a')
}
