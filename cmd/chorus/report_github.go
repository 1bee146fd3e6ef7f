package main

import (
	"io"
	"strconv"
	"strings"

	"github.com/chorus-dev/chorus/content"
)

// githubCommand maps a severity onto the GitHub Actions annotation command.
func githubCommand(s content.Severity) string {
	switch s {
	case content.Error:
		return "error"
	case content.Warning:
		return "warning"
	}
	return "notice"
}

// writeGitHub writes one GitHub Actions workflow command per finding,
// ::error file=F,line=L,col=C,title=RULE::MESSAGE, which the runner turns
// into an annotation on the file. Paths are relative to the repository
// root, where workflows run.
func writeGitHub(w io.Writer, r *report) error {
	var b strings.Builder
	for _, f := range r.findings {
		b.WriteString("::")
		b.WriteString(githubCommand(f.Severity))
		sep := " "
		prop := func(k, v string) {
			b.WriteString(sep)
			b.WriteString(k)
			b.WriteByte('=')
			b.WriteString(escapeGitHubProperty(v))
			sep = ","
		}
		if f.Pos.File != "" {
			prop("file", r.prefix+f.Pos.File)
			if f.Pos.Line > 0 {
				prop("line", strconv.Itoa(f.Pos.Line))
				if f.Pos.Column > 0 {
					prop("col", strconv.Itoa(f.Pos.Column))
				}
			}
		}
		prop("title", f.Rule)
		b.WriteString("::")
		b.WriteString(escapeGitHubData(f.Message))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// githubData escapes a workflow command's message: the runner decodes
// %25, %0D and %0A.
var githubData = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")

// githubProperty escapes a workflow command's property value, which in
// addition may not hold the separators : and ,.
var githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")

func escapeGitHubData(s string) string     { return githubData.Replace(s) }
func escapeGitHubProperty(s string) string { return githubProperty.Replace(s) }
