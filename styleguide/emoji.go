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
	every           bool     // every channel allows emoji (everywhere)
	allowList       string   // allow, joined for messages
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
	r.every = r.everywhere()
	r.allowList = strings.Join(r.allow, ", ")
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
		switch {
		case b.channel == "":
			if x.every || !r.applies(&x.source, b) {
				continue
			}
			h = &x.source
		case x.allowed(b.channel) || !r.applies(&x.channel, b):
			continue
		}
		forEachEmoji(b.text, func(start, end int) {
			// Removing the emoji also removes one space, so that no double
			// space is left.
			fixEnd := end
			if end < len(b.text) && b.text[end] == ' ' && (start == 0 || b.text[start-1] == ' ') {
				fixEnd++
			}
			r.emit(h, b, start, end, fixEnd, x.message(b.channel, b.text[start:end]), ptr(""), dedupSpan)
		})
	}
}

// message says why emoji e may not stand in text for channel ch ("": text
// every channel shares).
func (x *emojiRule) message(ch, e string) string {
	switch {
	case ch != "":
		return fmt.Sprintf("emoji %q is not allowed on %s", e, ch)
	case len(x.allow) == 0:
		return fmt.Sprintf("emoji %q: emoji are not allowed on any channel", e)
	}
	return fmt.Sprintf("emoji %q in text every channel shares; emoji are allowed only on %s (put them in those channels' overrides)", e, x.allowList)
}

func ptr(s string) *string { return &s }

// forEachEmoji calls fn for each emoji in text: a grapheme cluster that
// starts with an Extended_Pictographic character shown as emoji (emoji
// presentation by default, or with U+FE0F), a flag (regional indicator
// pair), or a keycap (#, * or a digit with U+20E3).
func forEachEmoji(text string, fn func(start, end int)) {
	scanEmoji(text, &emojiLead, fn)
}

// scanEmoji is forEachEmoji looking only at the characters whose first
// byte lead marks.
func scanEmoji(text string, lead *[256]bool, fn func(start, end int)) {
	for i := 0; i < len(text); {
		c := text[i]
		if !lead[c] {
			// Neither ASCII nor a continuation byte starts an emoji here,
			// and stepping one byte lands on every character's start.
			i++
			continue
		}
		if c < utf8.RuneSelf {
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

// emojiLead marks the bytes that may start an emoji: the keycap bases #, *
// and digits, and the first bytes of the UTF-8 encodings of U+0080..U+00BF
// (© ®), U+2000..U+3FFF and U+10000..U+3FFFF, where every
// Extended_Pictographic character (extPictBlocks) and regional indicator
// lies.
var emojiLead = func() (t [256]bool) {
	for _, c := range []byte("#*0123456789") {
		t[c] = true
	}
	t[0xC2], t[0xE2], t[0xE3], t[0xF0] = true, true, true, true
	return t
}()

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
