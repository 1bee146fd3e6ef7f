package content

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/content/contenttest"
)

// fastItemCases are front matters at the edges of what fastItem decodes:
// each value kind null, quoted, folded and of the wrong type, keys unknown
// or repeated at every level, and channels fastItem must leave alone.
var fastItemCases = []string{
	"id: a\ntype: article\ntitle: T\nsummary: S\n",
	"id: a\ntype: article\ntitle: 'T''s'\nsummary: \"S é\"\nlocale: el-GR\n",
	"id: a\ntype: article\ntitle: T\nsummary: >\n  one\n  two\n\n  three\n",
	"id: a\ntype: article\ntitle: |\n  T\n  U\nsummary: >-\n  S\n",
	"id: 12\ntype: article\ntitle: true\nsummary: 1.5\n",
	"id: ~\ntype: null\ntitle: Null\nsummary: NULL\n",
	"id: a\ntype: article\ntitle:\nsummary: S\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\npublish: 2025-03-01\nexpire: 2025-12-31T23:59:00Z\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\npublish: '2025-03-01'\nexpire: \"2025-04-01 10:00\"\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\npublish: ~\nexpire:\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\npublish: soon\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\npublish: [2025-03-01]\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\nexpire: 2025-01-01\npublish: 2025-02-01\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\ntags: [a, b c, δ]\nchannels: [web, x]\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\ntags: []\nchannels: [ ]\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\ntags: [a, ~, null]\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\ntags:\n  - a\n  - 'b'\n  - \"c\"\nchannels:\n- web\n- sms\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\ntags: a\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\ntags:\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\nchannels: [web, fax]\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\ntags: [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r]\n",
	"id: a\ntype: promotion\ntitle: T\nsummary: S\noffer:\n  price: 49.00\n  currency: USD\n  was: '60'\n  code: SPRING20\n  ends: 2025-05-01\n",
	"id: a\ntype: promotion\ntitle: T\nsummary: S\noffer:\n  price: 49.00\n  currency: USD\n  was: 40\n",
	"id: a\ntype: promotion\ntitle: T\nsummary: S\noffer:\n",
	"id: a\ntype: promotion\ntitle: T\nsummary: S\noffer: 12\n",
	"id: a\ntype: promotion\ntitle: T\nsummary: S\noffer:\n  price: 1\n  cost: 2\n",
	"id: a\ntype: promotion\ntitle: T\nsummary: S\noffer:\n  price: 1\n  price: 2\n",
	"id: a\ntype: promotion\ntitle: T\nsummary: S\noffer:\n  price:\n    - 1\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\ncta:\n  label: Shop now\n  url: https://acme.example/x\nimage:\n  src: /img/a.jpg\n  alt: A coat\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\ncta:\n  label: ~\n  url: not a url\nimage:\n  src: /img/a.jpg\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\ncta:\n  label: L\n  url: https://x.example\n  href: y\n",
	"id: a\ntype: event\ntitle: T\nsummary: S\nevent:\n  starts: 2025-06-01T18:00:00Z\n  ends: 2025-06-01T21:00:00+02:00\n  venue: Το κατάστημα\n",
	"id: a\ntype: event\ntitle: T\nsummary: S\nevent:\n  starts: 2025-06-01\n  ends: 2025-05-01\n",
	"id: a\ntype: event\ntitle: T\nsummary: S\nevent:\n  venue: Hall\n",
	"id: a\ntype: event\ntitle: T\nsummary: S\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\noverrides:\n  x:\n    text: \"short\"\n  sms:\n    text: plain words, with a comma\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\noverrides:\n  x:\n  email:\n    subject: ~\n    preheader: P\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\noverrides:\n  fax:\n    text: t\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\noverrides:\n  x.y:\n    text: t\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\noverrides:\n  x:\n    tweet: t\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\noverrides:\n  x: plain\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\noverrides:\n  x:\n    text: a\n  x:\n    text: b\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\noverrides:\n",
	"id: a\ntype: article\ntitle: T\nsummary: S\noverrides: [x]\n",
	"id: a\nid: b\ntype: article\ntitle: T\nsummary: S\n",
	"id: a\ntype: article\ntitel: T\nsummary: S\n",
	"id: Not A Slug\ntype: story\ntitle: T\nsummary: S\nlocale: en-us\n",
	"id: a\ntype: article\ntitle: [T]\nsummary: S\n",
	"id: a\ntype: article\ntitle:\n  text: T\nsummary: S\n",
	"null: a\n",
	"id: a\n",
}

func TestFastItemMatchesSlow(t *testing.T) {
	docs := map[string]string{}
	for i, c := range fastItemCases {
		docs[filepath.Join("case", strings.Repeat("x", i))] = "---\n" + c + "---\nBody.\n"
	}
	for i, c := range fastYAMLCases {
		docs[filepath.Join("yaml", strings.Repeat("x", i))] = "---\n" + c + "---\n"
	}
	for path, data := range sampleFiles(t) {
		if filepath.Ext(path) == ".md" {
			docs[path] = string(data)
		}
	}
	direct := 0
	for path, d := range docs {
		if sameAsSlowDecode(t, []byte(d), testChannels) {
			direct++
			if strings.HasPrefix(path, "generated-") {
				continue
			}
		} else if strings.HasPrefix(path, "generated-") {
			t.Errorf("%s: a generated item did not take the fast path", path)
		}
		sameAsSlowDecode(t, []byte(d), nil) // no channel list: overrides take any name
	}
	t.Logf("fastItem decoded %d of %d documents", direct, len(docs))
	// The edge cases hold both kinds; fewer than this means fastItem has
	// stopped reading the plain shape, all of them means it takes what it
	// must leave.
	if direct < 50 || direct == len(docs) {
		t.Errorf("fastItem decoded %d of %d documents", direct, len(docs))
	}
}

func FuzzFastItem(f *testing.F) {
	for _, c := range fastItemCases {
		f.Add([]byte(c))
	}
	f.Add([]byte(frontYAML(contenttest.Item(3, "event", "el-GR", 50))))
	f.Add([]byte(frontYAML(contenttest.Item(4, "promotion", "zh-CN", 50))))
	f.Fuzz(func(t *testing.T, yml []byte) {
		data := append([]byte("---\n"), yml...)
		data = append(data, "---\nBody.\n"...)
		sameAsSlowDecode(t, data, testChannels)
	})
}

// sameAsSlowDecode fails t when the item and findings decodeItem returns
// for data differ between the fast and the reflecting decoder; it reports
// whether the fast one decoded it.
func sameAsSlowDecode(t *testing.T, data []byte, channels []string) bool {
	t.Helper()
	src := NewSource("content/a.md", data)
	fm, problem := splitFrontMatter(data)
	if problem != "" || checkBytes(src) != nil {
		return false
	}
	fast, ffs, direct := decodeItemVia(src, fm, channels, true)
	slow, sfs, slowDirect := decodeItemVia(src, fm, channels, false)
	if slowDirect {
		t.Fatal("decodeItemVia took the fast path when told not to")
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("decoding %q:\nfast %+v\nslow %+v", data, fast, slow)
	}
	if !reflect.DeepEqual(ffs, sfs) {
		t.Fatalf("decoding %q:\nfast findings %v\nslow findings %v", data, ffs, sfs)
	}
	return direct
}
