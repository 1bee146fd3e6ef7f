package adapters

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// SMSInfo is how an SMS text is encoded and billed.
type SMSInfo struct {
	Encoding string // "GSM-7" or "UCS-2"
	Units    int    // septets for GSM-7, UTF-16 code units for UCS-2
	Segments int    // 0 for an empty text
}

// SMS encodings.
const (
	GSM7 = "GSM-7"
	UCS2 = "UCS-2"
)

// Segment sizes: a single message, and each part of a concatenated one
// (the user data header takes the rest).
const (
	gsmSingle, gsmPart = 160, 153 // septets
	ucsSingle, ucsPart = 70, 67   // UTF-16 code units
)

// gsmBasic is the GSM 03.38 default alphabet in code order; ESC (0x1B)
// stands in as U+001B and is not a character a text may use.
const gsmBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
	"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"

// gsmExtension is the extension table, reached through ESC: each costs two
// septets.
const gsmExtension = "\f^{}\\[~]|€"

// gsmASCII and gsmCosts give the septets each character takes in GSM-7,
// or 0 when GSM-7 cannot say it.
var gsmASCII, gsmCosts = func() ([128]int8, map[rune]int) {
	var a [128]int8
	m := make(map[rune]int, 64)
	add := func(r rune, c int) {
		if r < 0x80 {
			a[r] = int8(c)
		} else {
			m[r] = c
		}
	}
	for _, r := range gsmBasic {
		if r != 0x1B {
			add(r, 1)
		}
	}
	for _, r := range gsmExtension {
		add(r, 2)
	}
	return a, m
}()

func gsmCost(r rune) int {
	if r >= 0 && r < 0x80 {
		return int(gsmASCII[r])
	}
	return gsmCosts[r]
}

// SMS measures an SMS text as sent: GSM-7 when every character is in the
// GSM 03.38 default alphabet or its extension table (^ { } \ [ ] ~ | €
// and form feed cost two septets), else UCS-2, counted in UTF-16 code
// units so an emoji takes two. A message longer than one segment (160
// septets or 70 units) is split into parts of 153 septets or 67 units; as
// phones do, no escape sequence or surrogate pair is split across parts.
func SMS(s string) SMSInfo {
	gsm := true
	for _, r := range s {
		if gsmCost(r) == 0 {
			gsm = false
			break
		}
	}
	cost, single, part, enc := utf16Len, ucsSingle, ucsPart, UCS2
	if gsm {
		cost, single, part, enc = gsmCost, gsmSingle, gsmPart, GSM7
	}
	units, segments, used := 0, 1, 0
	for _, r := range s {
		c := cost(r)
		units += c
		if used+c > part {
			segments++
			used = 0
		}
		used += c
	}
	switch {
	case units == 0:
		segments = 0
	case units <= single:
		segments = 1
	}
	return SMSInfo{Encoding: enc, Units: units, Segments: segments}
}

// gsmReplacer turns typographic punctuation and odd spaces into their
// GSM-7 equivalents and drops invisible characters.
var gsmReplacer = strings.NewReplacer(
	"‘", "'", "’", "'", "‚", "'", "‛", "'", "′", "'",
	"“", `"`, "”", `"`, "„", `"`, "‟", `"`, "″", `"`, "«", `"`, "»", `"`,
	"‐", "-", "‑", "-", "‒", "-", "–", "-", "—", "-", "―", "-", "−", "-",
	"…", "...",
	"\u00a0", " ", "\u2000", " ", "\u2001", " ", "\u2002", " ", "\u2003", " ", "\u2004", " ",
	"\u2005", " ", "\u2006", " ", "\u2007", " ", "\u2008", " ", "\u2009", " ", "\u200a", " ",
	"\u202f", " ", "\u205f", " ", "\u3000", " ",
	"\u200b", "", "\u2060", "", "\ufeff", "",
)

// GSMSafe composes s (NFC, so "é" is one GSM character, not two code
// points) and replaces typographic quotes, dashes, the ellipsis and
// non-breaking and other wide spaces with their GSM-7 equivalents, so a
// Latin-script text does not fall back to UCS-2 for punctuation alone.
// Letters are left alone: use it only for Latin-script locales.
func GSMSafe(s string) string { return gsmReplacer.Replace(norm.NFC.String(s)) }
