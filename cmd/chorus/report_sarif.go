package main

import (
	"io"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/chorus-dev/chorus/content"
)

// SARIF 2.1.0, the subset GitHub code scanning reads. Property names follow
// the OASIS schema; every property the schema requires is always written.
const (
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifVersion = "2.1.0"
	// sarifFingerprintKey names Chorus's own partial fingerprint. The
	// version suffix changes whenever the hash is computed differently.
	sarifFingerprintKey = "chorusFindingHash/v1"
	chorusInfoURI       = "https://github.com/chorus-dev/chorus"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool sarifTool `json:"tool"`
	// ColumnKind says how columns count: Chorus counts code points, not
	// the UTF-16 units SARIF assumes by default.
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	ShortDescription     sarifMessage `json:"shortDescription"`
	DefaultConfiguration sarifConfig  `json:"defaultConfiguration"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	Properties          *sarifProperties  `json:"properties,omitempty"`
}

type sarifProperties struct {
	Channel string `json:"channel,omitempty"`
	Item    string `json:"item,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

// sarifLevel maps a severity onto SARIF's levels.
func sarifLevel(s content.Severity) string {
	switch s {
	case content.Error:
		return "error"
	case content.Warning:
		return "warning"
	}
	return "note"
}

// writeSARIF writes the findings as one SARIF run. Rules are listed in id
// order; each rule's default level is the most severe level it reported.
// Every result carries a partial fingerprint built from its file, rule,
// message and line text (not its line number), so code scanning keeps one
// alert per problem across runs even as lines move.
func writeSARIF(w io.Writer, r *report) error {
	sev := map[string]content.Severity{}
	var ids []string
	for _, f := range r.findings {
		s, ok := sev[f.Rule]
		if !ok || f.Severity.AtLeast(s) {
			s = f.Severity
		}
		if !ok {
			ids = append(ids, f.Rule)
		}
		sev[f.Rule] = s
	}
	sort.Strings(ids)
	rules := make([]sarifRule, len(ids))
	ruleIndex := make(map[string]int, len(ids))
	for i, id := range ids {
		ruleIndex[id] = i
		rules[i] = sarifRule{ID: id, ShortDescription: sarifMessage{Text: id}, DefaultConfiguration: sarifConfig{Level: sarifLevel(sev[id])}}
	}

	results := make([]sarifResult, 0, len(r.findings))
	seen := map[string]int{}
	for _, f := range r.findings {
		res := sarifResult{
			RuleID:    f.Rule,
			RuleIndex: ruleIndex[f.Rule],
			Level:     sarifLevel(f.Severity),
			Message:   sarifMessage{Text: f.Message},
		}
		if f.Pos.File != "" {
			loc := sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: fileURI(r.prefix + f.Pos.File), URIBaseID: "%SRCROOT%"}}
			if f.Pos.Line > 0 {
				loc.Region = &sarifRegion{StartLine: f.Pos.Line, StartColumn: max(f.Pos.Column, 0)}
			}
			res.Locations = []sarifLocation{{PhysicalLocation: loc}}
			hash := findingHash(f, r.line(f))
			key := f.Pos.File + "\x00" + hash
			seen[key]++ // the same problem twice in one file: number them
			res.PartialFingerprints = map[string]string{sarifFingerprintKey: hash + ":" + strconv.Itoa(seen[key])}
		}
		if f.Channel != "" || f.Item != "" {
			res.Properties = &sarifProperties{Channel: f.Channel, Item: f.Item}
		}
		results = append(results, res)
	}
	log := sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool:       sarifTool{Driver: sarifDriver{Name: "chorus", InformationURI: chorusInfoURI, Rules: rules}},
			ColumnKind: "unicodeCodePoints",
			Results:    results,
		}},
	}
	return encodeJSON(w, log)
}

// fileURI turns a '/'-separated relative path into a relative URI
// reference, percent-encoding spaces, non-ASCII and reserved characters.
func fileURI(path string) string {
	first, _, _ := strings.Cut(path, "/")
	if strings.Contains(first, ":") {
		path = "./" + path // a colon in the first segment would read as a scheme
	}
	u := url.URL{Path: path}
	return u.EscapedPath()
}
