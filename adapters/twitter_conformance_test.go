package adapters

import (
	"os"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// conformanceCase is one case of twitter-text's validate.yml.
type conformanceCase struct {
	Description string    `yaml:"description"`
	Text        string    `yaml:"text"`
	Expected    yaml.Node `yaml:"expected"`
}

type weightedExpectation struct {
	WeightedLength    int  `yaml:"weightedLength"`
	Valid             bool `yaml:"valid"`
	Permillage        int  `yaml:"permillage"`
	DisplayRangeStart int  `yaml:"displayRangeStart"`
	DisplayRangeEnd   int  `yaml:"displayRangeEnd"`
	ValidRangeStart   int  `yaml:"validRangeStart"`
	ValidRangeEnd     int  `yaml:"validRangeEnd"`
}

func loadConformance(t *testing.T) map[string][]conformanceCase {
	t.Helper()
	data, err := os.ReadFile("testdata/twitter-text-conformance/validate.yml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tests map[string][]conformanceCase `yaml:"tests"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("validate.yml: %v", err)
	}
	return doc.Tests
}

// conformanceSections says how each section of validate.yml is run, so a
// section added upstream fails the test until someone decides.
var conformanceSections = map[string]string{
	"WeightedTweetsCounterTest":                    "weighted v2",
	"WeightedTweetsWithDiscountedEmojiCounterTest": "weighted v3",
	"UnicodeDirectionalMarkerCounterTest":          "weighted v3",
	"tweets":                                       "valid v1",
	"urls_without_protocol":                        "extract",
	// The rest validate entities on their own (isValidUsername,
	// isValidList, isValidHashtag, isValidUrl's RFC 3986 grammar); none
	// of them changes a post's length.
	"usernames": "",
	"lists":     "",
	"hashtags":  "",
	"urls":      "",
}

func TestTwitterConformance(t *testing.T) {
	tests := loadConformance(t)
	var names []string
	for name := range tests {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		mode, known := conformanceSections[name]
		if !known {
			t.Errorf("validate.yml section %q is not covered: decide how to run it", name)
			continue
		}
		if mode == "" {
			continue
		}
		passed := 0
		for _, c := range tests[name] {
			if runConformanceCase(t, name, mode, c) {
				passed++
			}
		}
		t.Logf("%s (%s): %d/%d cases pass", name, mode, passed, len(tests[name]))
		if len(tests[name]) == 0 {
			t.Errorf("section %s has no cases", name)
		}
	}
}

func runConformanceCase(t *testing.T, section, mode string, c conformanceCase) bool {
	t.Helper()
	label := section + ": " + c.Description
	switch mode {
	case "weighted v2", "weighted v3":
		var want weightedExpectation
		if err := c.Expected.Decode(&want); err != nil {
			t.Errorf("%s: expected: %v", label, err)
			return false
		}
		cfg := TwitterV3
		if mode == "weighted v2" {
			cfg = TwitterV2
		}
		got := ParseTweet(c.Text, cfg)
		w := TweetInfo{
			WeightedLength: want.WeightedLength, Valid: want.Valid, Permillage: want.Permillage,
			ValidRangeStart: want.ValidRangeStart, ValidRangeEnd: want.ValidRangeEnd,
			DisplayRangeStart: want.DisplayRangeStart, DisplayRangeEnd: want.DisplayRangeEnd,
		}
		if got != w {
			t.Errorf("%s:\n got %+v\nwant %+v", label, got, w)
			return false
		}
		if got.WeightedLength != TwitterWeightConfig(c.Text, cfg) {
			t.Errorf("%s: TwitterWeightConfig disagrees with ParseTweet", label)
			return false
		}
	case "valid v1":
		var want bool
		if err := c.Expected.Decode(&want); err != nil {
			t.Errorf("%s: expected: %v", label, err)
			return false
		}
		if got := ParseTweet(c.Text, TwitterV1).Valid; got != want {
			t.Errorf("%s: valid = %v, want %v", label, got, want)
			return false
		}
	case "extract":
		// A valid URL without protocol must be found whole, as one URL.
		var want bool
		if err := c.Expected.Decode(&want); err != nil {
			t.Errorf("%s: expected: %v", label, err)
			return false
		}
		rs := []rune(c.Text)
		spans := extractURLs(rs, true)
		got := len(spans) == 1 && spans[0] == urlSpan{0, len(rs)}
		if got != want {
			t.Errorf("%s: extracted %v from %q, want whole=%v", label, spans, c.Text, want)
			return false
		}
	default:
		t.Errorf("%s: unknown mode %q", label, mode)
		return false
	}
	return true
}

// TestTwitterConformanceCounts pins how many cases each section holds, so
// a shortened or swapped data file cannot pass quietly.
func TestTwitterConformanceCounts(t *testing.T) {
	tests := loadConformance(t)
	want := map[string]int{
		"WeightedTweetsCounterTest":                    20,
		"WeightedTweetsWithDiscountedEmojiCounterTest": 22,
		"UnicodeDirectionalMarkerCounterTest":          2,
		"tweets":                                       8,
		"urls_without_protocol":                        5,
	}
	for name, n := range want {
		if got := len(tests[name]); got != n {
			t.Errorf("%s has %d cases, want %d", name, got, n)
		}
	}
	if got := strings.Count(mustRead(t, "testdata/twitter-text-conformance/LICENSE"), "Apache License"); got == 0 {
		t.Error("the conformance data's LICENSE is missing its Apache License notice")
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
