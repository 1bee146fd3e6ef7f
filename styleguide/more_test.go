package styleguide

import (
	"strings"
	"sync"
	"testing"

	"github.com/chorus-dev/chorus/content"
)

func TestReadabilityGrade(t *testing.T) {
	g := guideFrom(t, "readability: {max_grade: 8}\n")
	simple := "The cat sat on the mat. The dog ran to the park. We had fun in the sun all day. It was a good day for us."
	hard := "Comprehensive organizational restructuring necessitates considerable deliberation. " +
		"Administrative responsibilities accumulate unpredictably throughout extraordinarily complicated institutional hierarchies. " +
		"Consequently, communication deteriorates substantially whenever interdepartmental coordination remains insufficiently prioritized."
	tests := []struct {
		name   string
		locale string
		blocks []blk
		want   []string
	}{
		{"simple English passes", "en-US", []blk{para(simple)}, []string{}},
		{"hard English fails at the first paragraph", "en-GB", []blk{heading("Why it matters"), para(hard), para(simple)}, []string{
			`3:1 suggestion readability.grade: Flesch-Kincaid grade 17.5 is above 8 (7 sentences, 52 words, 133 syllables)`,
		}},
		{"too little text to judge", "en", []blk{para("Comprehensive restructuring necessitates deliberation.")}, []string{}},
		{"not English", "fr", []blk{para(hard)}, []string{}},
		{"title and summary are not body", "en", []blk{title(hard), summary(hard)}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := newItem("a", tt.locale, "article", tt.blocks...)
			diffLines(t, formatAll(it, g.CheckItem(it)), tt.want)
		})
	}
}

func TestSyllables(t *testing.T) {
	for w, want := range map[string]int{
		"cat": 1, "make": 1, "table": 2, "free": 1, "makes": 1, "boxes": 2, "places": 2, "wanted": 2,
		"walked": 1, "comprehensive": 4, "the": 1, "every": 3, "day": 1, "beautiful": 3, "42": 1,
	} {
		letters := 0
		for _, c := range w {
			if c >= 'a' && c <= 'z' {
				letters++
			}
		}
		if got := syllableCount([]byte(w), true, letters); got != want {
			t.Errorf("syllables(%q) = %d, want %d", w, got, want)
		}
	}
}

func TestTitleCase(t *testing.T) {
	g := guideFrom(t, "headings: {case: title}\ncasing: [iOS]\npunctuation: {acronyms: [GPS]}\n")
	tests := []struct {
		name   string
		locale string
		blocks []blk
		want   []string
	}{
		{"good title case", "en", []blk{heading("The Best Boots for the Trail"), heading("GPS Watches on iOS")}, []string{}},
		{"lowercase major and capital minor words", "en", []blk{heading("boots For the trail")}, []string{
			`2:4 warning headings.case: heading is not in title case: write "Boots for the Trail" fix "boots For the trail"→"Boots for the Trail"`,
		}},
		{"last word is capitalised even when minor", "en", []blk{heading("What We Stand for")}, []string{
			`2:18 warning headings.case: heading is not in title case: write "What We Stand For" fix "for"→"For"`,
		}},
		{"title case is English only", "el", []blk{heading("παπούτσια για βουνό")}, []string{}},
		{"CJK headings are exempt", "en", []blk{heading("春季 sale")}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := newItem("a", tt.locale, "article", tt.blocks...)
			diffLines(t, formatAll(it, g.CheckItem(it)), tt.want)
		})
	}
	gs := guideFrom(t, "headings: {case: sentence}\n")
	it := newItem("a", "el", "article", heading("Παπούτσια Για Βουνό"))
	diffLines(t, formatAll(it, gs.CheckItem(it)), []string{
		`2:14 warning headings.case: heading is not in sentence case: write "Παπούτσια για βουνό" (if "Για" or "Βουνό" is a name, keep its capital and list it under casing)`,
	})
}

// TestTokenizeMatchesUniseg checks the whitespace-chunked tokenizer against
// uniseg over whole texts in several scripts.
func TestTokenizeMatchesUniseg(t *testing.T) {
	for _, text := range []string{
		"请发电邮给我们，免费送货。全館免運費！",
		"ΔΩΡΕΆΝ καφές; Ναι. Ο καφές του 2024·",
		"Don’t miss AcmeDB’s “spring” sale — 20 % off, e-mail us at 10:30.",
		"カタカナ テスト ひらがな 한국어 텍스트 مرحبا",
		"café naïve 3,14 U.S.A. foo_bar x\u00a0y",
	} {
		if got, want := ourWords(text), unisegWords(text); !equalStrings(got, want) {
			t.Errorf("words of %q:\n got %q\nwant %q", text, got, want)
		}
	}
}

func TestExtendedPictographic(t *testing.T) {
	for r, want := range map[rune]bool{
		'©': true, '®': true, '‼': true, '™': true, '☺': true, '❤': true, '⌚': true, '😀': true, '🎉': true, '🦄': true,
		'a': false, '—': false, '。': false, '中': false, '€': false, '1': false, '🇬': false, '\U0001F3FB': false,
	} {
		if got := isExtPict(r); got != want {
			t.Errorf("isExtPict(%U) = %v, want %v", r, got, want)
		}
	}
	var got []string
	forEachEmoji("a ❤ b ❤️ c 👩‍👩‍👧 d #️⃣ e 🇬🇷🇨🇳 f ™ g 😀\u0301", func(s, e int) {
		got = append(got, "ü"[:0]+string([]byte("a ❤ b ❤️ c 👩‍👩‍👧 d #️⃣ e 🇬🇷🇨🇳 f ™ g 😀\u0301"[s:e])))
	})
	if want := []string{"❤️", "👩‍👩‍👧", "#️⃣", "🇬🇷", "🇨🇳", "😀\u0301"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("emoji = %q, want %q", got, want)
	}
}

func TestDuplicateKeyInOneFile(t *testing.T) {
	_, fs := compileStrings(Options{}, "punctuation:\n  max_exclamations: 1\n  max_exclamations: 2\n")
	diffLines(t, formatAll(nil, fs), []string{
		`styleguide/a.yaml:3:21 error schema.punctuation.max_exclamations: punctuation.max_exclamations is "2" here but "1" at styleguide/a.yaml:2:21`,
	})
}

func TestHeadingsKeepNamesTheItemCapitalises(t *testing.T) {
	g := guideFrom(t, "headings: {case: sentence}\n")
	it := newItem("a", "en", "announcement",
		title("Our new Denver Store is open"),
		heading("Black Friday In Denver"),
		heading("Trail Days At Red Rocks"),
		para("We opened in Denver. Store hours are long. Black Friday starts at nine. The store is big."))
	diffLines(t, formatAll(it, g.CheckItem(it)), []string{
		`2:23 warning headings.case: heading is not in sentence case: write "Our new Denver store is open" fix "Store"→"store"`,
		`3:17 warning headings.case: heading is not in sentence case: write "Black Friday in Denver" fix "In"→"in"`,
		`4:10 warning headings.case: heading is not in sentence case: write "Trail days at red rocks" (if "Days", "Red" or "Rocks" is a name, keep its capital and list it under casing)`,
	})
}

func TestLinksInTextAreNotWords(t *testing.T) {
	g := guideFrom(t, "casing: [StormShell]\nterms: [{use: email, avoid: [e-mail]}]\n")
	it := newItem("a", "en", "product", override("x", "The StormShell jacket: https://acme.example/stormshell, www.acme.example/e-mail or e-mail@acme.example. stormshell! Shop: acme.example/products/stormshell-2 and/or e-mail/stormshell"))
	diffLines(t, formatAll(it, g.CheckItem(it)), []string{
		`2:123 error casing.stormshell: write "StormShell", not "stormshell" fix "stormshell"→"StormShell"`,
		`2:183 warning terms.email: use "email" instead of "e-mail" fix "e-mail"→"email"`,
		`2:190 error casing.stormshell: write "StormShell", not "stormshell" fix "stormshell"→"StormShell"`,
	})
}

func TestLinkStart(t *testing.T) {
	for chunk, want := range map[string]int{
		"https://acme.example/x":         0,
		"(https://acme.example/x)":       1,
		"Shop:https://acme.example/x":    5,
		"www.acme.example":               0,
		"mailto:a@acme.example":          0,
		"e-mail@acme.example.":           0,
		"acme.example/products/trailpro": 0,
		"选购：acme.example/products/ridge": len("选购："),
		"Sale:acme.example/sale":         5,
		"and/or":                         -1,
		"1.5/2":                          -1,
		"e.g./":                          -1,
		"v1.2/3":                         -1,
		"-acme.example/x":                -1,
		"trailpro":                       -1,
		"/path/only":                     -1,
	} {
		if got := linkStart(chunk); got != want {
			t.Errorf("linkStart(%q) = %d, want %d", chunk, got, want)
		}
	}
	g := guideFrom(t, "casing: [TrailPro]\n")
	it := newItem("a", "zh-CN", "product")
	fs := g.CheckText(it, "instagram", []content.Prose{variant("caption", "选购 TrailPro 300：acme.example/products/trailpro-300 Trailpro：https://acme.example/trailpro")})
	diffLines(t, formatAll(it, fs), []string{
		`1:5 error casing.trailpro: write "TrailPro", not "Trailpro" [instagram]`,
	})
}

// TestConcurrentChecks runs checks from many goroutines (with -race, the
// pooled buffers must not be shared) and expects the sequential answers.
func TestConcurrentChecks(t *testing.T) {
	g := guideFrom(t, benchYAML)
	items := []*content.Item{
		benchItem(),
		newItem("b", "en", "promotion", para("Login by e-mail, the best in the world!! acmedb")),
		newItem("c", "zh-CN", "promotion", para("请发电邮给我们，免费送货。")),
	}
	want := make([]string, len(items))
	for i, it := range items {
		want[i] = strings.Join(formatAll(it, g.CheckItem(it)), "\n")
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 50; n++ {
				i := (w + n) % len(items)
				if got := strings.Join(formatAll(items[i], g.CheckItem(items[i])), "\n"); got != want[i] {
					errs <- got
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent check differs:\n%s", e)
	}
}
