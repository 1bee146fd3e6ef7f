// Package contenttest writes generated workspaces for tests and
// benchmarks: a chorus.yaml, a small style guide and any number of valid
// items across every item type and three locales.
package contenttest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Locales are the locales WriteWorkspace configures and cycles through;
// the first is the default.
var Locales = []string{"en-US", "zh-CN", "el-GR"}

// Config is the chorus.yaml WriteWorkspace writes.
const Config = `brand: Acme
base_url: https://acme.example
default_locale: en-US
locales:
  - code: zh-CN
    fallback: [en-US]
  - code: el-GR
    fallback: [en-US]
sms:
  prefix: "Acme:"
  opt_out: Reply STOP to opt out
email:
  from: news@acme.example
`

// StyleGuide is the style guide file WriteWorkspace writes: about thirty
// rules across every rule kind, the size of a real brand's guide.
const StyleGuide = `terms:
  - {use: email, avoid: [e-mail, E-mail]}
  - {use: sign up, avoid: [signup]}
  - {use: log in, avoid: [login to]}
  - {use: website, avoid: [web site]}
  - {use: colour, avoid: [color], only: {locales: [en-GB]}}
  - {use: per cent, avoid: [percent], only: {locales: [en-GB]}}
  - {use: checkout, avoid: [check-out]}
  - {use: wi-fi, avoid: [wifi]}
casing: [Acme, AcmeDB, TrailPro, StormShell]
banned:
  - {phrase: revolutionary, message: Say what is new instead.}
  - {phrase: best in the world, message: Unprovable superlative.}
  - {phrase: world-class, message: Unprovable superlative.}
  - {phrase: no-brainer, message: Too casual.}
  - {pattern: '(?i)\\bguarantee[sd]?\\b', id: guarantee, message: Only legal may promise.}
claims:
  - {trigger: free shipping, disclaimer: shipping}
  - {trigger: "% off", disclaimer: sale}
disclaimers:
  shipping: Free shipping applies to orders over $50.
  sale: Discount applies to full-price items only.
readability: {max_sentence_words: 40, max_sentence_chars: 120, max_grade: 14}
punctuation: {max_exclamations: 1, max_caps_run: 4, acronyms: [GPS, UV, USB]}
links: {allowed_domains: [acme.example], https: true}
headings: {case: sentence}
emoji: {allow: [x, instagram, push, chat]}
palette:
  colors: {ink: "#1B1F23", paper: "#FFFFFF", pine: "#1F5135"}
  pairs: [[ink, paper], [paper, pine]]
locales:
  zh-CN:
    terms: [{use: 电子邮件, avoid: [电邮]}]
  el-GR:
    terms: [{use: email, avoid: [ηλεκτρονικό ταχυδρομείο]}]
`

var types = []string{"promotion", "product", "article", "announcement", "event", "faq"}

var vocab = map[string][]string{
	"en-US": strings.Fields("the spring range is light warm bright and made to last every piece is cut from organic cotton " +
		"our team tested each jacket through rain wind and snow so you can walk further with less weight " +
		"order online today pick up in store tomorrow free returns within thirty days on every size and colour"),
	"zh-CN": strings.Fields("春季 系列 轻盈 温暖 明亮 经久耐用 每件 都由 有机棉 制成 我们的 团队 在 雨 风 雪 中 测试了 " +
		"每件 夹克 让您 走得 更远 今天 在线 下单 明天 到店 自取 三十天 内 免费 退货"),
	"el-GR": strings.Fields("η ανοιξιάτικη σειρά είναι ελαφριά ζεστή φωτεινή και φτιαγμένη να διαρκεί κάθε κομμάτι είναι " +
		"από βιολογικό βαμβάκι η ομάδα μας δοκίμασε κάθε μπουφάν σε βροχή αέρα και χιόνι παραγγείλτε σήμερα " +
		"παραλαβή αύριο στο κατάστημα δωρεάν επιστροφές μέσα σε τριάντα ημέρες"),
}

// WriteWorkspace writes a workspace into dir: chorus.yaml, styleguide/
// and n items of about words words each under content/<type>/. Items come
// in translation groups: item i has id "item-<i/3>" and locale
// Locales[i%3] (en-US in the file name's default, the others as a
// .<locale>.md suffix). The output depends only on n and words.
func WriteWorkspace(dir string, n, words int) error {
	if err := os.MkdirAll(filepath.Join(dir, "styleguide"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "chorus.yaml"), []byte(Config), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "styleguide", "terms.yaml"), []byte(StyleGuide), 0o644); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		group, loc := i/3, Locales[i%3]
		typ := types[group%len(types)]
		name := fmt.Sprintf("item-%d.md", group)
		if loc != Locales[0] {
			name = fmt.Sprintf("item-%d.%s.md", group, loc)
		}
		p := filepath.Join(dir, "content", typ, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(Item(group, typ, loc, words)), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Item returns the text of one generated item: front matter for its type
// and a Markdown body of about words words in its locale.
func Item(group int, typ, loc string, words int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\nid: item-%d\ntype: %s\n", group, typ)
	fmt.Fprintf(&b, "title: %s\n", phrase(loc, group, 6))
	fmt.Fprintf(&b, "summary: >\n  %s\n  %s\n", phrase(loc, group+1, 10), phrase(loc, group+2, 8))
	fmt.Fprintf(&b, "publish: 2025-03-%02d\nexpire: 2025-12-31T23:59:00Z\n", group%28+1)
	b.WriteString("tags: [spring, outdoor]\n")
	switch typ {
	case "promotion", "product":
		fmt.Fprintf(&b, "offer:\n  price: \"%d.99\"\n  currency: USD\n  was: \"%d.99\"\n  code: SPRING%d\n  ends: 2025-04-30\n", 50+group%50, 120+group%50, group%100)
	case "event":
		b.WriteString("event:\n  starts: 2025-05-01T18:00:00Z\n  ends: 2025-05-01T21:00:00Z\n  venue: Acme Store, 1 Main St\n")
	}
	fmt.Fprintf(&b, "cta:\n  label: %s\n  url: https://acme.example/items/%d\n", phrase(loc, group+3, 3), group)
	fmt.Fprintf(&b, "image:\n  src: /img/item-%d.jpg\n  alt: %s\n", group, phrase(loc, group+4, 5))
	fmt.Fprintf(&b, "overrides:\n  x:\n    text: \"%s\"\n  sms:\n    text: %s\n", phrase(loc, group+5, 12), phrase(loc, group+6, 8))
	b.WriteString("---\n")
	fmt.Fprintf(&b, "# %s\n\n", phrase(loc, group+7, 5))
	written, k := 0, group
	for written < words {
		switch k % 4 {
		case 0:
			fmt.Fprintf(&b, "%s *%s* %s [%s](https://acme.example/p/%d).\n\n", phrase(loc, k, 20), phrase(loc, k+1, 2), phrase(loc, k+2, 20), phrase(loc, k+3, 2), k)
			written += 44
		case 1:
			fmt.Fprintf(&b, "- %s\n- **%s** %s\n- %s\n\n", phrase(loc, k, 8), phrase(loc, k+1, 2), phrase(loc, k+2, 6), phrase(loc, k+3, 8))
			written += 24
		case 2:
			fmt.Fprintf(&b, "## %s\n\n%s\n%s\n\n", phrase(loc, k, 4), phrase(loc, k+1, 15), phrase(loc, k+2, 15))
			written += 34
		default:
			fmt.Fprintf(&b, "> %s `CODE%d` %s\n\n", phrase(loc, k, 12), k, phrase(loc, k+1, 12))
			written += 24
		}
		k++
	}
	return b.String()
}

// phrase is n words of loc's vocabulary starting at a seed-dependent
// place.
func phrase(loc string, seed, n int) string {
	v := vocab[loc]
	ws := make([]string, n)
	for i := range ws {
		ws[i] = v[(seed*7+i*3)%len(v)]
	}
	if loc == "zh-CN" {
		return strings.Join(ws, "")
	}
	return strings.Join(ws, " ")
}
