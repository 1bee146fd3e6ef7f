package signage

import (
	"bytes"
	"html/template"
	"testing"
)

// pageTmpl is the template appendPage was written from: the reference it
// must match byte for byte.
var pageTmpl = template.Must(template.New("signage").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>html,body{margin:0;height:100%;background:#000}svg{display:block;width:100vw;height:100vh}</style>
</head>
<body>
{{.SVG}}</body>
</html>
`))

func FuzzAppendPage(f *testing.F) {
	f.Add("en-US", "Acme <b>sale</b> & \"more\" 'q' a+b \x00 é 中文", "<svg></svg>\n")
	f.Add("", "", "")
	f.Fuzz(func(t *testing.T, lang, title, svg string) {
		var want bytes.Buffer
		if err := pageTmpl.Execute(&want, struct {
			Lang, Title string
			SVG         template.HTML
		}{lang, title, template.HTML(svg)}); err != nil {
			t.Fatal(err)
		}
		if got := appendPage(nil, lang, title, svg); string(got) != want.String() {
			t.Errorf("appendPage:\n%s\ntemplate:\n%s", got, want.String())
		}
	})
}
