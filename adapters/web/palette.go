package web

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/chorus-dev/chorus/styleguide"
)

// Color is one named brand color, vetted for use in CSS and SVG.
type Color struct {
	Name  string // lowercase letters, digits and '-'
	Value string // "#RGB", "#RRGGBB" or "#RRGGBBAA"
}

// Colors are the roles the web-family channels paint with, each taken from
// the brand palette when it names one.
type Colors struct {
	Ink    string // text: palette "ink" or "text"
	Paper  string // background: palette "paper" or "background"
	Accent string // buttons and highlights: "accent", "primary" or "brand", else the first other color
	Muted  string // small print: "muted", else Ink
	// All is the whole vetted palette sorted by name, for CSS custom
	// properties.
	All []Color
}

// colorSyntax gives the regular expressions a palette color's name and
// value must match to be written into CSS or SVG, compiled the first time
// a guide's palette is read.
var colorSyntax = sync.OnceValues(func() (name, value *regexp.Regexp) {
	return regexp.MustCompile(`^[a-z][a-z0-9-]{0,40}$`),
		regexp.MustCompile(`^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$`)
})

// Palette returns the brand's colors from the style guide (which may be
// nil). Names and values that could not be written safely into CSS or SVG
// are left out; roles the palette lacks get neutral defaults. A compiled
// guide does not change, so the last guide's colors are remembered: the
// web, email and signage channels of every item ask. All is shared and
// must not be modified.
func Palette(g *styleguide.Guide) Colors { return paletteOf(g).c }

// paletteOf returns the guide's remembered palette, made on first use.
func paletteOf(g *styleguide.Guide) *guidePalette {
	if p := lastPalette.Load(); p != nil && p.g == g {
		return p
	}
	c := palette(g)
	p := &guidePalette{g: g, c: c, css: rootCSS(c)}
	lastPalette.Store(p)
	return p
}

// guidePalette is one guide's Palette, and the page's CSS properties
// for it.
type guidePalette struct {
	g   *styleguide.Guide
	c   Colors
	css string
}

var lastPalette atomic.Pointer[guidePalette]

func palette(g *styleguide.Guide) Colors {
	var all []Color
	if g != nil {
		colorName, colorValue := colorSyntax()
		for name, value := range g.Palette().Colors {
			name = strings.ToLower(strings.TrimSpace(name))
			value = strings.TrimSpace(value)
			if colorName.MatchString(name) && colorValue.MatchString(value) {
				all = append(all, Color{Name: name, Value: strings.ToUpper(value)})
			}
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Name < all[j].Name })
	find := func(names ...string) string {
		for _, n := range names {
			for _, c := range all {
				if c.Name == n {
					return c.Value
				}
			}
		}
		return ""
	}
	c := Colors{All: all}
	c.Ink = or(find("ink", "text"), "#1A1A1A")
	c.Paper = or(find("paper", "background"), "#FFFFFF")
	c.Accent = find("accent", "primary", "brand")
	if c.Accent == "" {
		for _, col := range all {
			if col.Value != c.Ink && col.Value != c.Paper {
				c.Accent = col.Value
				break
			}
		}
	}
	c.Accent = or(c.Accent, "#0B57D0")
	c.Muted = or(find("muted"), c.Ink)
	return c
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
