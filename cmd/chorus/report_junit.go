package main

import (
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/chorus-dev/chorus/content"
)

// JUnit XML as CI dashboards (Jenkins, GitLab, Azure DevOps, test
// reporters) read it: one testsuite per file checked, one testcase per
// rule that found something in that file, failed when any of its findings
// is at or above the threshold. A file with no findings still gets one
// passing testcase, so a clean run shows every file checked.

type junitTestsuites struct {
	XMLName  xml.Name         `xml:"testsuites"`
	Name     string           `xml:"name,attr"`
	Tests    int              `xml:"tests,attr"`
	Failures int              `xml:"failures,attr"`
	Errors   int              `xml:"errors,attr"`
	Time     string           `xml:"time,attr"`
	Suites   []junitTestsuite `xml:"testsuite"`
}

type junitTestsuite struct {
	Name     string          `xml:"name,attr"`
	Tests    int             `xml:"tests,attr"`
	Failures int             `xml:"failures,attr"`
	Errors   int             `xml:"errors,attr"`
	Skipped  int             `xml:"skipped,attr"`
	Time     string          `xml:"time,attr"`
	Cases    []junitTestcase `xml:"testcase"`
}

type junitTestcase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// junitCleanCase names the passing testcase of a file with no findings.
const junitCleanCase = "chorus check"

// junitNoFile names the suite of findings that belong to no file.
const junitNoFile = "workspace"

// writeJUnit writes the findings as JUnit XML.
func writeJUnit(w io.Writer, r *report) error {
	byFile := map[string][]content.Finding{}
	for _, f := range r.findings {
		byFile[f.Pos.File] = append(byFile[f.Pos.File], f)
	}
	names := append([]string(nil), r.files...)
	for file := range byFile {
		names = append(names, file)
	}
	slices.Sort(names)
	names = slices.Compact(names)

	out := junitTestsuites{Name: "chorus check", Time: "0"}
	for _, file := range names {
		suite := junitTestsuite{Name: file, Time: "0"}
		if file == "" {
			suite.Name = junitNoFile
		}
		fs := byFile[file]
		if len(fs) == 0 {
			suite.Cases = append(suite.Cases, junitTestcase{Name: junitCleanCase, Classname: suite.Name, File: file, Time: "0"})
		}
		for _, rule := range rulesOf(fs) {
			tc := junitTestcase{Name: rule, Classname: suite.Name, File: file, Time: "0"}
			var text strings.Builder
			var failing []content.Finding
			for _, f := range fs {
				if f.Rule != rule {
					continue
				}
				fmt.Fprintf(&text, "%s: %s %s: %s\n", f.Pos, f.Severity, f.Rule, oneLine(f.Message))
				if r.failing(f) {
					failing = append(failing, f)
				}
			}
			if len(failing) > 0 {
				worst := failing[0].Severity
				for _, f := range failing {
					if f.Severity.AtLeast(worst) {
						worst = f.Severity
					}
				}
				msg := failing[0].Message
				if len(failing) > 1 {
					msg = fmt.Sprintf("%d findings; first: %s", len(failing), msg)
				}
				tc.Failure = &junitFailure{Message: msg, Type: worst.String(), Text: text.String()}
				suite.Failures++
			} else {
				tc.SystemOut = text.String()
			}
			suite.Cases = append(suite.Cases, tc)
		}
		suite.Tests = len(suite.Cases)
		out.Tests += suite.Tests
		out.Failures += suite.Failures
		out.Suites = append(out.Suites, suite)
	}

	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// rulesOf lists the distinct rules of fs, sorted.
func rulesOf(fs []content.Finding) []string {
	var rules []string
	for _, f := range fs {
		rules = append(rules, f.Rule)
	}
	slices.Sort(rules)
	return slices.Compact(rules)
}
