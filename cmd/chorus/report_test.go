package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/url"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/content"
)

// reportFiles are the files behind sampleReport, for line texts.
var reportFiles = map[string]string{
	"chorus.yaml":                     "brand: Acme\nbase_url: https://acme.example\n",
	"content/clean.md":                "---\nid: clean\n---\nAll good.\n",
	"content/spring-sale.md":          "---\nid: spring-sale\n---\nWrite to us by e-mail.\n\nSpring sale: 20% off everything & more.\n",
	"content/zh/春季 促销.zh-CN.md":       "---\nid: spring-sale\nlocale: zh-CN\n---\n春季促销，请发e-mail给我们。\n",
	"styleguide/terms.yaml":           "terms:\n  - use: email\n    avoid: [e-mail]\n  - use: 100%\n",
	"content/unicode/emoji-😀-file.md": "---\nid: emoji\n---\nCafé ☕ time.\n",
}

// sampleLineText serves line texts from reportFiles.
func sampleLineText(file string, line int) string {
	data, ok := reportFiles[file]
	if !ok {
		return ""
	}
	src := content.NewSource(file, []byte(data))
	start := src.Offset(line, 1)
	if start < 0 {
		return ""
	}
	text, _, _ := strings.Cut(data[start:], "\n")
	return text
}

// sampleFindings cover every severity, a fix, channel and item fields, a
// finding without a line, two identical findings in one file, and messages
// that need escaping in every format: quotes, <, &, %, : and , , line
// breaks, non-ASCII and a Chinese message.
func sampleFindings() []content.Finding {
	fs := []content.Finding{
		{Pos: content.Position{File: "content/spring-sale.md", Line: 4, Column: 19, Offset: 41}, Severity: content.Error, Rule: "terms.email", Message: `use "email", not "e-mail"`, Item: "spring-sale", Fix: &content.Fix{Offset: 41, End: 47, Replace: "email"}},
		{Pos: content.Position{File: "content/spring-sale.md", Line: 6, Column: 1, Offset: 49}, Severity: content.Warning, Rule: "limits.x.length", Message: "the post is 291 weighted characters <& \"more\">; X allows 280", Channel: "x", Item: "spring-sale"},
		{Pos: content.Position{File: "content/spring-sale.md", Line: 6, Column: 14, Offset: 62}, Severity: content.Suggestion, Rule: "style.percent", Message: "write 20% as \"20 percent\" in running text", Item: "spring-sale"},
		{Pos: content.Position{File: "content/spring-sale.md", Line: 6, Column: 14, Offset: 62}, Severity: content.Suggestion, Rule: "style.percent", Message: "write 20% as \"20 percent\" in running text", Item: "spring-sale"},
		{Pos: content.Position{File: "content/zh/春季 促销.zh-CN.md", Line: 5, Column: 8, Offset: 60}, Severity: content.Error, Rule: "terms.email", Message: "请使用“电子邮件”，不要用“e-mail”", Item: "spring-sale", Fix: &content.Fix{Offset: 60, End: 66, Replace: "电子邮件"}},
		{Pos: content.Position{File: "styleguide/terms.yaml", Line: 4, Column: 10, Offset: 58}, Severity: content.Error, Rule: "schema.terms", Message: "line one: 100% \"off\", <b>&amp;</b>\r\nline two\tand a tab", Fix: nil},
		{Pos: content.Position{File: "chorus.yaml", Offset: -1}, Severity: content.Warning, Rule: "schema.document", Message: "chorus.yaml has no locales; using en-US"},
		{Pos: content.Position{File: "content/unicode/emoji-😀-file.md", Line: 4, Column: 6, Offset: 27}, Severity: content.Suggestion, Rule: "voice.emoji", Message: "emoji ☕ on a channel that shows none", Channel: "sms"},
	}
	content.SortFindings(fs)
	return fs
}

func sampleReport(failOn content.Severity) *report {
	return &report{
		findings: sampleFindings(),
		files:    []string{"chorus.yaml", "content/clean.md", "content/spring-sale.md", "content/unicode/emoji-😀-file.md", "content/zh/春季 促销.zh-CN.md", "styleguide/terms.yaml"},
		failOn:   failOn,
		prefix:   "site/",
		lineText: sampleLineText,
	}
}

func cleanReport() *report {
	return &report{files: []string{"chorus.yaml", "content/clean.md", "styleguide/terms.yaml"}, failOn: content.Error, lineText: sampleLineText}
}

func TestReportGolden(t *testing.T) {
	cases := []struct {
		name string
		r    *report
	}{
		{"findings", sampleReport(content.Error)},
		{"findings-fail-on-warning", sampleReport(content.Warning)},
		{"clean", cleanReport()},
	}
	for _, c := range cases {
		for _, f := range formats {
			t.Run(c.name+"/"+f.name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := f.write(&buf, c.r); err != nil {
					t.Fatal(err)
				}
				golden(t, "check/report/"+c.name+"."+f.name, buf.Bytes())
			})
		}
	}
}

func TestSummary(t *testing.T) {
	cases := []struct {
		r    *report
		want string
	}{
		{sampleReport(content.Error), "3 errors, 2 warnings, 3 suggestions in 6 files"},
		{cleanReport(), "0 errors, 0 warnings, 0 suggestions in 3 files"},
		{&report{findings: []content.Finding{{Rule: "terms.email"}}, files: []string{"a.md"}}, "1 error, 0 warnings, 0 suggestions in 1 file"},
		{&report{files: []string{"a.md", "b.md"}, baselined: 1}, "0 errors, 0 warnings, 0 suggestions in 2 files (1 known finding hidden by the baseline)"},
		{&report{baselined: 4}, "0 errors, 0 warnings, 0 suggestions in 0 files (4 known findings hidden by the baseline)"},
	}
	for _, c := range cases {
		if got := c.r.summary(); got != c.want {
			t.Errorf("summary = %q, want %q", got, c.want)
		}
	}
}

func TestLookupFormat(t *testing.T) {
	for _, name := range []string{"text", "json", "sarif", "github", "junit"} {
		if f, err := lookupFormat(name); err != nil || f.name != name {
			t.Errorf("lookupFormat(%q) = %q, %v", name, f.name, err)
		}
	}
	_, err := lookupFormat("xml")
	if want := `unknown format "xml" (known: github, json, junit, sarif, text)`; err == nil || err.Error() != want {
		t.Errorf("lookupFormat(xml) error = %v, want %s", err, want)
	}
}

func TestOneLine(t *testing.T) {
	cases := map[string]string{
		"plain":             "plain",
		"a\nb":              `a\nb`,
		"a\r\nb":            `a\r\nb`,
		"tab\tstays":        "tab\tstays",
		"bell\a":            `bell\u0007`,
		"中文“引号”":            "中文“引号”",
		"c1\u0085next line": `c1\u0085next line`,
	}
	for in, want := range cases {
		if got := oneLine(in); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestJSONRoundTrip checks that the JSON report decodes to the documented
// fields with every character intact.
func TestJSONRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := writeJSON(&buf, sampleReport(content.Error)); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Findings []struct {
			File, Severity, Rule, Message, Channel, Item, Fix string
			Line, Column                                      int
		}
		Summary map[string]int
	}
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	want := sampleFindings()
	if len(got.Findings) != len(want) {
		t.Fatalf("%d findings, want %d", len(got.Findings), len(want))
	}
	for i, g := range got.Findings {
		w := want[i]
		fix := ""
		if w.Fix != nil {
			fix = w.Fix.Replace
		}
		if g.File != w.Pos.File || g.Line != w.Pos.Line || g.Column != w.Pos.Column || g.Severity != w.Severity.String() ||
			g.Rule != w.Rule || g.Message != w.Message || g.Channel != w.Channel || g.Item != w.Item || g.Fix != fix {
			t.Errorf("finding %d = %+v, want %v", i, g, w)
		}
	}
	wantSummary := map[string]int{"errors": 3, "warnings": 2, "suggestions": 3, "files": 6}
	if len(got.Summary) != len(wantSummary) {
		t.Errorf("summary = %v, want %v", got.Summary, wantSummary)
	}
	for k, v := range wantSummary {
		if got.Summary[k] != v {
			t.Errorf("summary[%s] = %d, want %d", k, got.Summary[k], v)
		}
	}
}

// TestSARIFStructure checks the SARIF report against the properties the
// SARIF 2.1.0 schema requires and the ones GitHub code scanning reads.
func TestSARIFStructure(t *testing.T) {
	for _, r := range []*report{sampleReport(content.Error), cleanReport()} {
		var buf bytes.Buffer
		if err := writeSARIF(&buf, r); err != nil {
			t.Fatal(err)
		}
		validateSARIF(t, buf.Bytes(), r)
	}
}

// validateSARIF checks a SARIF log against the required properties of
// the SARIF 2.1.0 schema (sarifLog, run, tool, toolComponent,
// reportingDescriptor, result, message, location, physicalLocation,
// artifactLocation, region) and GitHub's upload requirements.
func validateSARIF(t *testing.T, data []byte, r *report) {
	t.Helper()
	var log map[string]any
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if s, _ := log["$schema"].(string); !strings.HasSuffix(s, "sarif-schema-2.1.0.json") {
		t.Errorf("$schema = %q", s)
	}
	if log["version"] != "2.1.0" {
		t.Errorf("version = %v, want 2.1.0", log["version"])
	}
	runs, _ := log["runs"].([]any)
	if len(runs) != 1 {
		t.Fatalf("runs = %v, want one run", log["runs"])
	}
	run, _ := runs[0].(map[string]any)
	if ck := run["columnKind"]; ck != "unicodeCodePoints" {
		t.Errorf("columnKind = %v", ck)
	}
	tool, _ := run["tool"].(map[string]any)
	driver, _ := tool["driver"].(map[string]any)
	if driver["name"] != "chorus" {
		t.Errorf("tool.driver.name = %v", driver["name"])
	}
	if u, _ := driver["informationUri"].(string); !strings.HasPrefix(u, "https://") {
		t.Errorf("tool.driver.informationUri = %q", u)
	}
	rules, ok := driver["rules"].([]any)
	if !ok {
		t.Fatalf("tool.driver.rules = %v, want an array", driver["rules"])
	}
	var ruleIDs []string
	for i, x := range rules {
		rule, _ := x.(map[string]any)
		id, _ := rule["id"].(string)
		if id == "" {
			t.Errorf("rules[%d] has no id", i)
		}
		if i > 0 && id <= ruleIDs[i-1] {
			t.Errorf("rules[%d] %q out of order or repeated", i, id)
		}
		ruleIDs = append(ruleIDs, id)
		sd, _ := rule["shortDescription"].(map[string]any)
		if s, _ := sd["text"].(string); s == "" {
			t.Errorf("rules[%d].shortDescription.text is empty", i)
		}
		dc, _ := rule["defaultConfiguration"].(map[string]any)
		if !validLevel(dc["level"]) {
			t.Errorf("rules[%d].defaultConfiguration.level = %v", i, dc["level"])
		}
	}
	results, ok := run["results"].([]any)
	if !ok {
		t.Fatalf("results = %v, want an array", run["results"])
	}
	if len(results) != len(r.findings) {
		t.Fatalf("%d results, want %d", len(results), len(r.findings))
	}
	fingerprints := map[string]bool{}
	for i, x := range results {
		res, _ := x.(map[string]any)
		f := r.findings[i]
		if res["ruleId"] != f.Rule {
			t.Errorf("results[%d].ruleId = %v, want %s", i, res["ruleId"], f.Rule)
		}
		idx, ok := res["ruleIndex"].(float64)
		if !ok || int(idx) < 0 || int(idx) >= len(ruleIDs) || ruleIDs[int(idx)] != f.Rule {
			t.Errorf("results[%d].ruleIndex = %v does not point at rule %s", i, res["ruleIndex"], f.Rule)
		}
		if !validLevel(res["level"]) || res["level"] != sarifLevel(f.Severity) {
			t.Errorf("results[%d].level = %v", i, res["level"])
		}
		msg, _ := res["message"].(map[string]any)
		if msg["text"] != f.Message {
			t.Errorf("results[%d].message.text = %q, want %q", i, msg["text"], f.Message)
		}
		locs, _ := res["locations"].([]any)
		if len(locs) != 1 {
			t.Errorf("results[%d] has %d locations, want 1", i, len(locs))
			continue
		}
		loc, _ := locs[0].(map[string]any)
		pl, _ := loc["physicalLocation"].(map[string]any)
		al, _ := pl["artifactLocation"].(map[string]any)
		uri, _ := al["uri"].(string)
		u, err := url.Parse(uri)
		if err != nil || u.Scheme != "" || u.IsAbs() || strings.HasPrefix(uri, "/") {
			t.Errorf("results[%d] uri %q is not a relative reference: %v", i, uri, err)
		} else if u.Path != r.prefix+f.Pos.File {
			t.Errorf("results[%d] uri %q decodes to %q, want %q", i, uri, u.Path, r.prefix+f.Pos.File)
		}
		if al["uriBaseId"] != "%SRCROOT%" {
			t.Errorf("results[%d].uriBaseId = %v", i, al["uriBaseId"])
		}
		region, hasRegion := pl["region"].(map[string]any)
		if hasRegion != (f.Pos.Line > 0) {
			t.Errorf("results[%d] region = %v for line %d", i, pl["region"], f.Pos.Line)
		}
		if hasRegion {
			if region["startLine"] != float64(f.Pos.Line) || region["startColumn"] != float64(f.Pos.Column) {
				t.Errorf("results[%d].region = %v, want %d:%d", i, region, f.Pos.Line, f.Pos.Column)
			}
		}
		pf, _ := res["partialFingerprints"].(map[string]any)
		fp, _ := pf[sarifFingerprintKey].(string)
		if fp == "" {
			t.Errorf("results[%d] has no %s fingerprint", i, sarifFingerprintKey)
		}
		if fingerprints[uri+fp] {
			t.Errorf("results[%d] repeats fingerprint %s in %s", i, fp, uri)
		}
		fingerprints[uri+fp] = true
	}
}

func validLevel(v any) bool {
	switch v {
	case "none", "note", "warning", "error":
		return true
	}
	return false
}

// TestSARIFFingerprintStable checks that a finding keeps its fingerprint
// when lines above it move, and loses it when its own line changes.
func TestSARIFFingerprintStable(t *testing.T) {
	f := content.Finding{Pos: content.Position{File: "a.md", Line: 3, Column: 1}, Rule: "terms.email", Message: "use email"}
	moved := f
	moved.Pos.Line = 9
	lines := func(text string) func(string, int) string { return func(string, int) string { return text } }
	fp := func(f content.Finding, text string) string {
		var buf bytes.Buffer
		if err := writeSARIF(&buf, &report{findings: []content.Finding{f}, lineText: lines(text)}); err != nil {
			t.Fatal(err)
		}
		var log sarifLog
		if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		return log.Runs[0].Results[0].PartialFingerprints[sarifFingerprintKey]
	}
	a := fp(f, "Mail us by e-mail.")
	if b := fp(moved, "  Mail us   by e-mail."); a != b {
		t.Errorf("fingerprint changed when the line moved and was re-indented: %s → %s", a, b)
	}
	if c := fp(f, "Mail us by e-mail today."); a == c {
		t.Errorf("fingerprint %s unchanged when the line's text changed", a)
	}
}

func TestGitHubEscaping(t *testing.T) {
	data := map[string]string{
		"100% off":        "100%25 off",
		"a\r\nb":          "a%0D%0Ab",
		"key: a, b":       "key: a, b",
		"%0A literal":     "%250A literal",
		"中文 “quotes” <&>": "中文 “quotes” <&>",
	}
	for in, want := range data {
		if got := escapeGitHubData(in); got != want {
			t.Errorf("escapeGitHubData(%q) = %q, want %q", in, got, want)
		}
	}
	props := map[string]string{
		"content/a.md":     "content/a.md",
		"c:/x, y":          "c%3A/x%2C y",
		"50%\n":            "50%25%0A",
		"content/春季 促销.md": "content/春季 促销.md",
	}
	for in, want := range props {
		if got := escapeGitHubProperty(in); got != want {
			t.Errorf("escapeGitHubProperty(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestGitHubOneCommandPerFinding checks that every finding is exactly one
// line of output, however odd its message.
func TestGitHubOneCommandPerFinding(t *testing.T) {
	var buf bytes.Buffer
	r := sampleReport(content.Error)
	if err := writeGitHub(&buf, r); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != len(r.findings) {
		t.Fatalf("%d lines for %d findings:\n%s", len(lines), len(r.findings), buf.String())
	}
	for i, line := range lines {
		cmd := "::" + githubCommand(r.findings[i].Severity) + " "
		if !strings.HasPrefix(line, cmd) {
			t.Errorf("line %d = %q, want prefix %q", i, line, cmd)
		}
		props, msg, ok := strings.Cut(strings.TrimPrefix(line, cmd), "::")
		if !ok {
			t.Errorf("line %d = %q: no :: before the message", i, line)
		}
		if got := unescapeGitHub(msg); got != r.findings[i].Message {
			t.Errorf("line %d message decodes to %q, want %q", i, got, r.findings[i].Message)
		}
		for _, p := range strings.Split(props, ",") {
			k, v, ok := strings.Cut(p, "=")
			if !ok {
				t.Errorf("line %d: property %q has no =", i, p)
			}
			if k == "file" && unescapeGitHub(v) != r.prefix+r.findings[i].Pos.File {
				t.Errorf("line %d: file=%q", i, v)
			}
		}
	}
}

// unescapeGitHub reverses the runner's escapes, as the runner does.
func unescapeGitHub(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(s)
}

// TestJUnitStructure parses the JUnit report back and checks its counts
// and failures against the findings.
func TestJUnitStructure(t *testing.T) {
	type tc struct {
		Name      string `xml:"name,attr"`
		Classname string `xml:"classname,attr"`
		Failure   *struct {
			Message string `xml:"message,attr"`
			Type    string `xml:"type,attr"`
			Text    string `xml:",chardata"`
		} `xml:"failure"`
		SystemOut string `xml:"system-out"`
	}
	type ts struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Cases    []tc   `xml:"testcase"`
	}
	var got struct {
		XMLName  xml.Name `xml:"testsuites"`
		Tests    int      `xml:"tests,attr"`
		Failures int      `xml:"failures,attr"`
		Suites   []ts     `xml:"testsuite"`
	}
	cases := []struct {
		r                       *report
		suites, tests, failures int
	}{
		// One testcase per file and rule: spring-sale.md has three rules,
		// every other file one.
		{sampleReport(content.Error), 6, 8, 3},
		{sampleReport(content.Warning), 6, 8, 5},
		{sampleReport(content.Suggestion), 6, 8, 7},
		{cleanReport(), 3, 3, 0},
	}
	for _, c := range cases {
		var buf bytes.Buffer
		if err := writeJUnit(&buf, c.r); err != nil {
			t.Fatal(err)
		}
		got.Suites = nil
		if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
			t.Fatalf("not XML: %v\n%s", err, buf.String())
		}
		if len(got.Suites) != c.suites || got.Tests != c.tests || got.Failures != c.failures {
			t.Errorf("fail-on %s: %d suites, %d tests, %d failures; want %d, %d, %d", c.r.failOn, len(got.Suites), got.Tests, got.Failures, c.suites, c.tests, c.failures)
		}
		for _, s := range got.Suites {
			failures := 0
			for _, k := range s.Cases {
				if k.Classname != s.Name {
					t.Errorf("testcase %s classname %q in suite %q", k.Name, k.Classname, s.Name)
				}
				if k.Failure != nil {
					failures++
				}
			}
			if s.Tests != len(s.Cases) || s.Failures != failures || s.Tests == 0 {
				t.Errorf("suite %s: tests=%d failures=%d for %d cases, %d failed", s.Name, s.Tests, s.Failures, len(s.Cases), failures)
			}
		}
	}
	// The Chinese message and the control characters survive the trip.
	var buf bytes.Buffer
	if err := writeJUnit(&buf, sampleReport(content.Error)); err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	var messages []string
	for _, s := range got.Suites {
		for _, k := range s.Cases {
			if k.Failure != nil {
				messages = append(messages, k.Failure.Message)
			}
		}
	}
	want := []string{`use "email", not "e-mail"`, "请使用“电子邮件”，不要用“e-mail”", "line one: 100% \"off\", <b>&amp;</b>\r\nline two\tand a tab"}
	if strings.Join(messages, "|") != strings.Join(want, "|") {
		t.Errorf("failure messages = %q, want %q", messages, want)
	}
}
