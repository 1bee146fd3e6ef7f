package styleguide

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/chorus-dev/chorus/content"
	"gopkg.in/yaml.v3"
)

// Palette is the brand's named colors, for CSS custom properties on the
// web and signage, and the color pairs the style guide checks for
// contrast.
type Palette struct {
	// Colors maps a name ("ink") to a color as "#RRGGBB".
	Colors map[string]string
	// Pairs are the foreground/background pairs the style guide lists,
	// with their contrast ratio.
	Pairs []Pair
}

// Pair is a foreground color on a background color and their WCAG 2.x
// contrast ratio.
type Pair struct {
	Foreground string  // a color name
	Background string  // a color name
	Ratio      float64 // (L1 + 0.05) / (L2 + 0.05)
	Min        float64 // the ratio the pair must reach (4.5 unless given)
}

// Names returns the color names, sorted.
func (p Palette) Names() []string {
	names := make([]string, 0, len(p.Colors))
	for n := range p.Colors {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// CSS returns the colors as CSS custom property declarations, one a line,
// sorted by name: "--ink: #1B1B1B;".
func (p Palette) CSS() string {
	var b strings.Builder
	for _, n := range p.Names() {
		fmt.Fprintf(&b, "--%s: %s;\n", n, p.Colors[n])
	}
	return b.String()
}

func (p Palette) clone() Palette {
	c := Palette{Colors: maps.Clone(p.Colors), Pairs: append([]Pair(nil), p.Pairs...)}
	if c.Colors == nil {
		c.Colors = map[string]string{}
	}
	return c
}

// wcagAA is the contrast WCAG 2.x level AA asks of normal text.
const wcagAA = 4.5

var (
	hexColor  = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)
	colorName = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
)

// normalizeHex turns "#abc" or "#aabbcc" into "#AABBCC".
func normalizeHex(s string) (string, bool) {
	if !hexColor.MatchString(s) {
		return "", false
	}
	s = strings.ToUpper(s[1:])
	if len(s) == 3 {
		s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
	}
	return "#" + s, true
}

// Contrast returns the WCAG 2.x contrast ratio of two colors given as
// "#RGB" or "#RRGGBB", from 1 to 21.
func Contrast(fg, bg string) (float64, error) {
	a, ok := normalizeHex(fg)
	if !ok {
		return 0, fmt.Errorf("%q is not a #RRGGBB color", fg)
	}
	b, ok := normalizeHex(bg)
	if !ok {
		return 0, fmt.Errorf("%q is not a #RRGGBB color", bg)
	}
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05), nil
}

// luminance is the WCAG relative luminance of a "#RRGGBB" color.
func luminance(hex string) float64 {
	ch := func(i int) float64 {
		v, _ := strconv.ParseUint(hex[i:i+2], 16, 8)
		c := float64(v) / 255
		if c <= 0.04045 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(1) + 0.7152*ch(3) + 0.0722*ch(5)
}

// formatRatio prints a ratio to two decimals, or three when two would
// round a failing ratio up to the minimum.
func formatRatio(r, minimum float64) string {
	s := strconv.FormatFloat(r, 'f', 2, 64)
	if r < minimum && s == strconv.FormatFloat(minimum, 'f', 2, 64) {
		s = strconv.FormatFloat(math.Floor(r*1000)/1000, 'f', 3, 64)
	}
	return s
}

func decodePalette(b *builder, n *node, path string) {
	d := &b.c.d
	if !d.mapping(n, path, "colors", "pairs", "severity") {
		return
	}
	sev := d.severity(n.get("severity"), path+".severity", content.Error)
	colors := map[string]string{}
	if cn := n.get("colors"); !cn.null() {
		if cn.kind() != yaml.MappingNode {
			d.errorf(cn, path+".colors", "palette.colors must be a mapping of name to #RRGGBB, not %s", kindName(cn))
		} else {
			for _, e := range cn.keys {
				p := path + ".colors"
				if !colorName.MatchString(e.name) {
					d.errorf(e.key, p, "color name %q must be lowercase letters, digits or '-' (it becomes --%s in CSS)", e.name, e.name)
					continue
				}
				v, ok := d.str(e.val, joinPath(p, e.name))
				if !ok {
					continue
				}
				hex, ok := normalizeHex(v)
				if !ok {
					d.errorf(e.val, joinPath(p, e.name), "color %s: %q is not a #RGB or #RRGGBB color", e.name, v)
					continue
				}
				colors[e.name] = hex
			}
		}
	}
	b.g.palette.Colors = colors
	names := make([]string, 0, len(colors))
	for k := range colors {
		names = append(names, k)
	}
	sort.Strings(names)
	pn := n.get("pairs")
	if pn.null() {
		return
	}
	p := path + ".pairs"
	for _, e := range d.list(pn, p) {
		var fgN, bgN *node
		minimum := wcagAA
		switch e.kind() {
		case yaml.SequenceNode:
			if len(e.items) != 2 {
				d.errorf(e, p, "a pair is [foreground, background], not %d colors", len(e.items))
				continue
			}
			fgN, bgN = e.items[0], e.items[1]
		case yaml.MappingNode:
			if !d.mapping(e, p, "fg", "bg", "min") {
				continue
			}
			fgN, bgN = e.get("fg"), e.get("bg")
			if fgN == nil || bgN == nil {
				d.errorf(e, p, "a pair needs fg: and bg:")
				continue
			}
			if mn := e.get("min"); mn != nil {
				if v, ok := d.number(mn, p+".min", 1); ok {
					minimum = v
				}
			}
		default:
			d.errorf(e, p, "a pair is [foreground, background], not %s", kindName(e))
			continue
		}
		fg, ok1 := d.str(fgN, p)
		bg, ok2 := d.str(bgN, p)
		if !ok1 || !ok2 {
			continue
		}
		ok := true
		for _, c := range []struct {
			n    *node
			name string
		}{{fgN, fg}, {bgN, bg}} {
			if _, found := colors[c.name]; !found {
				d.errorf(c.n, p, "unknown color %q%s", c.name, hint(c.name, names))
				ok = false
			}
		}
		if !ok {
			continue
		}
		ratio, _ := Contrast(colors[fg], colors[bg])
		b.g.palette.Pairs = append(b.g.palette.Pairs, Pair{Foreground: fg, Background: bg, Ratio: ratio, Min: minimum})
		if ratio < minimum {
			d.add(content.Finding{
				Pos: e.pos(), Severity: sev, Rule: "palette.contrast",
				Message: fmt.Sprintf("%s (%s) on %s (%s) has contrast %s:1; WCAG AA needs %s:1",
					fg, colors[fg], bg, colors[bg], formatRatio(ratio, minimum), strconv.FormatFloat(minimum, 'f', -1, 64)),
			})
		}
	}
}
