package web

import (
	"bytes"
	"html/template"
	"testing"
)

// The templates the page and the fragment were written from, the fixed
// stylesheet aside: the reference appendHTML must match byte for byte.
var pageTmpl = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}" dir="{{.Dir}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<meta name="description" content="{{.Description}}">
{{- if .URL}}
<link rel="canonical" href="{{.URL}}">
{{- end}}
{{- range .Alternates}}
<link rel="alternate" hreflang="{{.Lang}}" href="{{.URL}}">
{{- end}}
<meta property="og:type" content="{{.OGType}}">
<meta property="og:title" content="{{.Title}}">
<meta property="og:description" content="{{.Description}}">
{{- if .URL}}
<meta property="og:url" content="{{.URL}}">
{{- end}}
{{- if .OGLocale}}
<meta property="og:locale" content="{{.OGLocale}}">
{{- end}}
{{- if .SiteName}}
<meta property="og:site_name" content="{{.SiteName}}">
{{- end}}
{{- if .Image.URL}}
<meta property="og:image" content="{{.Image.URL}}">
<meta property="og:image:alt" content="{{.Image.Alt}}">
<meta name="twitter:card" content="summary_large_image">
{{- else}}
<meta name="twitter:card" content="summary">
{{- end}}
<meta name="twitter:title" content="{{.Title}}">
<meta name="twitter:description" content="{{.Description}}">
{{- if .Image.URL}}
<meta name="twitter:image" content="{{.Image.URL}}">
<meta name="twitter:image:alt" content="{{.Image.Alt}}">
{{- end}}
<style>
{{.CSS}}` + pageStyle + `</style>
<script type="application/ld+json">{{.JSONLD}}</script>
</head>
<body>
{{.Fragment}}
</body>
</html>
`))

var fragmentTmpl = template.Must(template.New("fragment").Parse(`<article class="item {{.Type}}" lang="{{.Lang}}" dir="{{.Dir}}">
<h1>{{.Title}}</h1>
{{- if .Summary}}
<p class="summary">{{.Summary}}</p>
{{- end}}
{{- if .Image.Src}}
<figure><img src="{{.Image.Src}}" alt="{{.Image.Alt}}"></figure>
{{- end}}
{{- with .D}}
{{- if .When}}
<section class="event">
<p class="when">{{.When}}</p>
{{- if .Venue}}
<p class="venue">{{.Venue}}</p>
{{- end}}
</section>
{{- end}}
{{- if or .Price .CodeLine .EndsLine}}
<section class="offer">
{{- if .Price}}
<p class="price">{{.Price}}{{if .WasLine}} <span class="was">{{.WasLine}}</span>{{end}}</p>
{{- end}}
{{- if .CodeLine}}
<p class="code">{{.CodeLine}}</p>
{{- end}}
{{- if .EndsLine}}
<p class="ends">{{.EndsLine}}</p>
{{- end}}
</section>
{{- end}}
{{- end}}
{{- if .Body}}
<div class="body">
{{.Body}}
</div>
{{- end}}
{{- if .D.CTALink}}
<p class="cta"><a href="{{.D.CTALink}}">{{.D.CTALabel}}</a></p>
{{- end}}
{{- range .Terms}}
<p class="terms"><small>{{.}}</small></p>
{{- end}}
</article>`))

// checkPage compares both writers with their templates on one set of
// values.
func checkPage(t *testing.T, p pageData, f fragmentData) {
	t.Helper()
	var want bytes.Buffer
	if err := pageTmpl.Execute(&want, p); err != nil {
		t.Fatal(err)
	}
	if got := p.appendHTML(nil); string(got) != want.String() {
		t.Errorf("page:\n%s\ntemplate:\n%s", got, want.String())
	}
	want.Reset()
	if err := fragmentTmpl.Execute(&want, f); err != nil {
		t.Fatal(err)
	}
	if got := f.appendHTML(nil); string(got) != want.String() {
		t.Errorf("fragment:\n%s\ntemplate:\n%s", got, want.String())
	}
}

// fill makes page and fragment values from a few strings, s in every
// text and u in every link; which optional parts appear follows bits.
func fill(s, u string, bits uint8) (pageData, fragmentData) {
	on := func(i uint, v string) string {
		if bits&(1<<i) == 0 {
			return ""
		}
		return v
	}
	img := Image{URL: on(0, u), Src: on(0, u), Alt: s}
	p := pageData{
		Lang: s, Dir: s, Title: s, Description: s, URL: on(1, u), OGType: s, OGLocale: on(2, s), SiteName: on(3, s),
		Image: img, CSS: template.CSS(s), JSONLD: template.JS(s), Fragment: template.HTML(s),
	}
	if bits&(1<<4) != 0 {
		p.Alternates = []alternate{{Lang: s, URL: u}, {Lang: "x-default", URL: u + s}}
	}
	d := Details{Price: on(5, s), WasLine: on(6, s), CodeLine: on(7, s), EndsLine: on(2, s), When: on(3, s), Venue: on(4, s),
		CTALabel: s, CTALink: on(1, u)}
	f := fragmentData{Type: s, Lang: s, Dir: s, Title: s, Summary: on(5, s), Image: img, D: d, Body: template.HTML(on(6, s))}
	if bits&(1<<7) != 0 {
		f.Terms = []string{s, u}
	}
	return p, f
}

var pageSamples = []struct {
	s, u string
}{
	{"", ""},
	{"Acme <b>sale</b> & \"more\" 'quoted' a+b \x00 é 中文 \u2028", "https://acme.example/a b?q=1&r=2+3#frag"},
	{"x", "javascript:alert(1)"},
	{"x", "mailto:a@b.example"},
	{"x", "/relative/path?x=%41%4G%"},
	{"x", "HTTP://ACME.EXAMPLE/é\"<>'"},
	{"x", "data:text/html,x"},
	{"x", "a/b:c"},
}

func FuzzPage(f *testing.F) {
	for _, s := range pageSamples {
		for _, bits := range []uint8{0, 0xFF, 0x55, 0xAA} {
			f.Add(s.s, s.u, bits)
		}
	}
	f.Fuzz(func(t *testing.T, s, u string, bits uint8) {
		p, fr := fill(s, u, bits)
		checkPage(t, p, fr)
	})
}
