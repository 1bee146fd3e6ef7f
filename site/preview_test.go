package site

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/content"
)

func TestMarkWords(t *testing.T) {
	fs := []content.Finding{
		{Rule: "terms.tap", Message: `use "Tap" instead of "Click"`},
		{Rule: "casing.acmedb", Message: `write "AcmeDB", not "Acmedb"`},
		{Rule: "punctuation.caps", Message: `"STOP" is in all capitals`},
		{Rule: "banned.best", Message: `avoid "best ever" (claims we cannot prove)`, Excerpt: "Best Ever"},
	}
	got := markWords(fs)
	for _, want := range []string{"Click", "Acmedb", "STOP", "Best Ever"} {
		if _, ok := got[want]; !ok {
			t.Errorf("%q not marked", want)
		}
	}
	for _, not := range []string{"Tap", "AcmeDB", "best ever"} {
		if _, ok := got[not]; ok {
			t.Errorf("%q marked; it is the right form or not the text", not)
		}
	}
}

func TestMarkHTML(t *testing.T) {
	marks := map[string]string{"rucksack": "terms.backpack: use \"backpack\"", "Tom & Jerry": "casing.x: <note>"}
	doc := `<!DOCTYPE html><html><head><title>A rucksack</title><style>.rucksack{}</style></head>` +
		`<body><p class="rucksack">Our rucksack, by Tom &amp; Jerry.</p><!-- rucksack --><script>var rucksack</script>` +
		`<img alt="rucksack" src="r.jpg"><p>Rucksack and rucksack.</p></body></html>`
	got := markHTML(doc, marks)
	want := `<!DOCTYPE html><html><head><title>A rucksack</title><style>.rucksack{}</style></head>` +
		`<body><p class="rucksack">Our <mark style="background:#ffe066;color:#1b1b1b" title="terms.backpack: use &#34;backpack&#34;">rucksack</mark>, by ` +
		`<mark style="background:#ffe066;color:#1b1b1b" title="casing.x: &lt;note&gt;">Tom &amp; Jerry</mark>.</p><!-- rucksack --><script>var rucksack</script>` +
		`<img alt="rucksack" src="r.jpg"><p>Rucksack and <mark style="background:#ffe066;color:#1b1b1b" title="terms.backpack: use &#34;backpack&#34;">rucksack</mark>.</p></body></html>`
	if got != want {
		t.Errorf("markHTML:\n got %s\nwant %s", got, want)
	}
	if markHTML(doc, nil) != doc {
		t.Error("no marks changed the document")
	}
}

// TestItemPageMarks serves an item with a term the guide avoids in its
// summary: the source finding's words are marked in the post, the SMS and
// inside the web frame, and the right word is not.
func TestItemPageMarks(t *testing.T) {
	dir := srvWorkspace(t, "")
	writeTestFile(t, dir, "styleguide/terms.yaml", "terms:\n  - use: backpack\n    avoid: [rucksack]\n")
	writeTestFile(t, dir, "content/trail-guide.md", strings.Replace(srvGuide, "summary: Ten short tips for your first long hike.",
		"summary: Pack a rucksack and a backpack for your first long hike.", 1))
	ts := startServer(t, dir, nil)
	ts.clock.Set(saleOpen)
	a := ts.get("/items/trail-guide", nil)
	if a.status != 200 {
		t.Fatalf("item page: %d %s", a.status, a.body)
	}
	visible := regexp.MustCompile(`<mark tabindex="0" title="[^"]*">([^<]*)<span class="sr-only">`).FindAllStringSubmatch(a.body, -1)
	count := map[string]int{}
	for _, m := range visible {
		count[m[1]]++
	}
	if count["rucksack"] < 2 || len(count) != 1 {
		t.Errorf("marked words on the page: %v (want rucksack, in the post and the SMS at least)", count)
	}
	if !strings.Contains(a.body, `&lt;mark style=&#34;background:#ffe066;color:#1b1b1b&#34; title=&#34;terms.backpack`) {
		t.Error("the web frame's document has no mark")
	}
}

// TestListFilters: the list filters on the server by publishing state
// and by findings, as the script does in the page.
func TestListFilters(t *testing.T) {
	dir := srvWorkspace(t, "")
	writeTestFile(t, dir, "styleguide/terms.yaml", "terms:\n  - use: backpack\n    avoid: [rucksack]\n    severity: warning\n")
	writeTestFile(t, dir, "content/trail-guide.md", strings.Replace(srvGuide, "carry water", "carry water in a rucksack", 1))
	ts := startServer(t, dir, nil) // before the sale: it is scheduled
	rows := func(query string) string {
		t.Helper()
		a := ts.get("/?"+query, nil)
		var got []string
		for _, m := range regexp.MustCompile(`<tr data-search="[^"]*" data-id="([^"]*)" data-type="[^"]*" data-locale="([^"]*)" data-state="([^"]*)" data-findings="([^"]*)">`).FindAllStringSubmatch(a.body, -1) {
			got = append(got, m[1]+"/"+m[2]+":"+m[3]+":"+m[4])
		}
		return strings.Join(got, " ")
	}
	for q, want := range map[string]string{
		"":                              "spring-sale/en-US:scheduled:none trail-guide/en-US:live:warnings trail-guide/zh-CN:live:none",
		"state=scheduled":               "spring-sale/en-US:scheduled:none",
		"state=live&findings=warnings":  "trail-guide/en-US:live:warnings",
		"findings=none":                 "spring-sale/en-US:scheduled:none trail-guide/zh-CN:live:none",
		"findings=errors":               "",
		"state=nonsense&findings=bogus": "spring-sale/en-US:scheduled:none trail-guide/en-US:live:warnings trail-guide/zh-CN:live:none",
	} {
		if got := rows(q); got != want {
			t.Errorf("?%s:\n got %s\nwant %s", q, got, want)
		}
	}
}
