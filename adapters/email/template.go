package email

import (
	"html/template"
	"sync"
)

// htmlTmpl is the HTML part: nested presentation tables 600 pixels wide,
// every style inline (many mail clients drop <style> elements), the
// preheader hidden at the top, a bulletproof button for the call to
// action, and a footer with the brand and the unsubscribe link. It is
// parsed the first time a message is rendered.
var htmlTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("email").Parse(htmlSource))
})

// htmlSource is the text of htmlTmpl.
const htmlSource = `<!DOCTYPE html>
<html lang="{{.Lang}}" dir="{{.Dir}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<title>{{.Subject}}</title>
</head>
<body style="margin:0;padding:0;background-color:#F2F2F2;">
{{- if .Preheader}}
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;font-size:1px;line-height:1px;color:#F2F2F2;opacity:0;">{{.Preheader}}</div>
{{- end}}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#F2F2F2;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" dir="{{.Dir}}" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:{{.C.Paper}};">
{{- if .Brand}}
<tr><td style="padding:20px 32px;font-family:Arial,Helvetica,sans-serif;font-size:18px;line-height:24px;font-weight:bold;color:{{.C.Accent}};">{{.Brand}}</td></tr>
{{- end}}
{{- if .Image.URL}}
<tr><td><img src="{{.Image.URL}}" alt="{{.Image.Alt}}" width="600" style="display:block;width:100%;max-width:600px;height:auto;border:0;"></td></tr>
{{- end}}
<tr><td style="padding:32px 32px 8px;font-family:Arial,Helvetica,sans-serif;color:{{.C.Ink}};">
<h1 style="margin:0 0 12px;font-family:Arial,Helvetica,sans-serif;font-size:28px;line-height:34px;color:{{.C.Ink}};">{{.Title}}</h1>
{{- if .Summary}}
<p style="margin:0;font-family:Arial,Helvetica,sans-serif;font-size:18px;line-height:26px;color:{{.C.Ink}};">{{.Summary}}</p>
{{- end}}
</td></tr>
{{- with .D}}
{{- if .When}}
<tr><td style="padding:16px 32px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-left:4px solid {{$.C.Accent}};">
<tr><td style="padding:8px 16px;font-family:Arial,Helvetica,sans-serif;color:{{$.C.Ink}};">
<p style="margin:0;font-size:20px;line-height:28px;font-weight:bold;">{{.When}}</p>
{{- if .Venue}}
<p style="margin:4px 0 0;font-size:16px;line-height:24px;">{{.Venue}}</p>
{{- end}}
</td></tr>
</table>
</td></tr>
{{- end}}
{{- if or .Price .CodeLine .EndsLine}}
<tr><td style="padding:16px 32px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-left:4px solid {{$.C.Accent}};">
<tr><td style="padding:8px 16px;font-family:Arial,Helvetica,sans-serif;color:{{$.C.Ink}};">
{{- if .Price}}
<p style="margin:0;font-size:32px;line-height:40px;font-weight:bold;">{{.Price}}{{if .WasLine}} <span style="font-size:16px;font-weight:normal;text-decoration:line-through;color:{{$.C.Muted}};">{{.WasLine}}</span>{{end}}</p>
{{- end}}
{{- if .CodeLine}}
<p style="margin:6px 0 0;font-size:18px;line-height:26px;font-weight:bold;letter-spacing:1px;">{{.CodeLine}}</p>
{{- end}}
{{- if .EndsLine}}
<p style="margin:6px 0 0;font-size:16px;line-height:24px;">{{.EndsLine}}</p>
{{- end}}
</td></tr>
</table>
</td></tr>
{{- end}}
{{- end}}
{{- if .Body}}
<tr><td style="padding:8px 32px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:24px;color:{{.C.Ink}};">
{{.Body}}
</td></tr>
{{- end}}
{{- if .D.CTALink}}
<tr><td align="center" style="padding:16px 32px 32px;">
<table role="presentation" cellpadding="0" cellspacing="0" border="0">
<tr><td align="center" bgcolor="{{.C.Accent}}" style="border-radius:6px;background-color:{{.C.Accent}};">
<a href="{{.D.CTALink}}" target="_blank" style="display:inline-block;padding:14px 28px;font-family:Arial,Helvetica,sans-serif;font-size:18px;line-height:24px;font-weight:bold;color:{{.C.Paper}};text-decoration:none;border-radius:6px;">{{.D.CTALabel}}</a>
</td></tr>
</table>
</td></tr>
{{- end}}
{{- if or .Terms .Brand .Unsubscribe}}
<tr><td style="padding:20px 32px;border-top:1px solid #E0E0E0;font-family:Arial,Helvetica,sans-serif;font-size:13px;line-height:20px;color:{{.C.Muted}};">
{{- range .Terms}}
<p class="terms" style="margin:0 0 8px;">{{.}}</p>
{{- end}}
{{- if .Why}}
<p style="margin:0 0 8px;">{{.Why}}</p>
{{- end}}
{{- if or .Brand .Unsubscribe}}
<p style="margin:0;">{{.Brand}}{{if and .Brand .Unsubscribe}} · {{end}}{{if .Unsubscribe}}<a href="{{.Unsubscribe}}" style="color:{{.C.Muted}};text-decoration:underline;">{{.UnsubLabel}}</a>{{end}}</p>
{{- end}}
</td></tr>
{{- end}}
</table>
</td></tr>
</table>
</body>
</html>
`
