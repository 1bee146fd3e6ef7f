package web

import (
	"regexp"
	"slices"
	"testing"
)

// The regular expressions scanTag and nextAttr stand for: the reference
// their results are compared with.
var (
	tagRE  = regexp.MustCompile(`^<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<>]*")?)*)\s*/?>`)
	attrRE = regexp.MustCompile(`([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?`)
)

// sameAsRegexp reports how scanTag and nextAttr differ from the regular
// expressions on s, or "" when they agree.
func sameAsRegexp(s string) string {
	n, closing, name, run := scanTag(s)
	m := tagRE.FindStringSubmatch(s)
	if m == nil {
		if n != 0 {
			return "scanTag found a tag the regexp does not"
		}
		return ""
	}
	if n != len(m[0]) || closing != (m[1] == "/") || name != m[2] || run != m[3] {
		return "scanTag read the tag differently"
	}
	var got, want [][2]string
	for run != "" {
		var k, v string
		k, v, run = nextAttr(run)
		got = append(got, [2]string{k, v})
	}
	for _, a := range attrRE.FindAllStringSubmatch(m[3], -1) {
		want = append(want, [2]string{a[1], a[2]})
	}
	if !slices.Equal(got, want) {
		return "nextAttr read the attributes differently"
	}
	return ""
}

var tagSamples = []string{
	"<", "<>", "</>", "<p>", "</p>", "<P>", "<p/>", "<p />", "<p / >", "<br/ >", "<h1>x", "<h1x>", "<1p>",
	"<p-x>", "<p:x>", "<p\n>", "<p\t\f\r>", `<a href="x">`, `<a href="x" >`, `<a href="x"/>`,
	`<a href="x"title="y">`, `<a href=x>`, `<a href="x>`, `<a href="x<y">`, `<a href="">`, `<a b c d>`,
	`<a  b="1"  c  d="2" />`, `<img src="a.png" alt="x &amp; y">`, `<input checked="" disabled="" type="checkbox">`,
	`<a _x:y.z-w="1">`, `<a -x="1">`, `<a x="1"=>`, `<a x=="1">`, `</a href="x">`, "<a\u00a0b>", `<a b="é">`,
	`<td align="left">`, `<p x="1" `, `<p x="1`, "<!-- c -->", "<p>>", `<a x="1"">`,
}

func TestScanTagIsTheRegexp(t *testing.T) {
	for _, s := range tagSamples {
		if d := sameAsRegexp(s); d != "" {
			t.Errorf("%q: %s", s, d)
		}
	}
}

func FuzzScanTag(f *testing.F) {
	for _, s := range tagSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = "<" + s
		if d := sameAsRegexp(s); d != "" {
			t.Errorf("%q: %s", s, d)
		}
	})
}
