package signage_test

import (
	"encoding/xml"
	"flag"
	"image"
	"image/color"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/adapterstest"
	"github.com/chorus-dev/chorus/adapters/signage"
	"github.com/chorus-dev/chorus/adapters/web/webtest"
	"github.com/chorus-dev/chorus/content"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func render(t *testing.T, in *adapters.Input) *adapters.Variant {
	t.Helper()
	v, err := signage.New().Render(in)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestGolden(t *testing.T) {
	for _, c := range webtest.Cases {
		t.Run(c.Name, func(t *testing.T) {
			v := render(t, webtest.Input(t, c.File))
			webtest.Golden(t, c.Name+".svg", []byte(v.Body), *update)
			webtest.Golden(t, c.Name+".variant.json", adapterstest.Envelope(t, v), *update)
			wellFormed(t, v.Body)
			if !strings.Contains(v.Fields["html"].(string), v.Body) {
				t.Error("the HTML wrapper does not hold the SVG")
			}
		})
	}
}

// wellFormed parses s as XML to the end.
func wellFormed(t *testing.T, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
	}
}

var (
	qrBox = regexp.MustCompile(`<svg x="\d+" y="\d+" width="\d+" height="\d+" viewBox="0 0 (\d+) (\d+)" shape-rendering="crispEdges">\n<rect[^>]*/>\n<path fill="#000000" d="([^"]*)"/>`)
	qrRun = regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-(\d+)z`)
)

// grid reads the QR module grid back from the SVG's path.
func grid(t *testing.T, svg string) [][]bool {
	t.Helper()
	m := qrBox.FindStringSubmatch(svg)
	if m == nil {
		t.Fatal("no QR code in the SVG")
	}
	n, _ := strconv.Atoi(m[1])
	g := make([][]bool, n)
	for i := range g {
		g[i] = make([]bool, n)
	}
	runs := qrRun.FindAllStringSubmatch(m[3], -1)
	if got := strings.Join(qrRun.FindAllString(m[3], -1), ""); got != m[3] {
		t.Fatal("path holds something other than module runs")
	}
	for _, r := range runs {
		x, _ := strconv.Atoi(r[1])
		y, _ := strconv.Atoi(r[2])
		w, _ := strconv.Atoi(r[3])
		if r[3] != r[4] || y >= n || x+w > n {
			t.Fatalf("bad run %q", r[0])
		}
		for i := x; i < x+w; i++ {
			g[y][i] = true
		}
	}
	return g
}

// TestQRMatchesLink reads each sample's QR code back from the SVG with
// an independent decoder: it must give the variant's link, at medium
// error correction, with the quiet zone around it.
func TestQRMatchesLink(t *testing.T) {
	for _, c := range webtest.Cases {
		v := render(t, webtest.Input(t, c.File))
		link := v.Fields["url"].(string)
		got := grid(t, v.Body)
		if v.Metrics["qr_modules"] != len(got) {
			t.Errorf("%s: qr_modules = %v, the SVG has %d", c.Name, v.Metrics["qr_modules"], len(got))
		}
		text, level := decodeQR(t, got)
		if text != link || level != "M" {
			t.Errorf("%s: QR reads %q at level %s, want %q at M", c.Name, text, level, link)
		}
	}
}

// TestQRDecodes encodes links of every length class up to a large
// version and reads each back.
func TestQRDecodes(t *testing.T) {
	for _, n := range []int{1, 14, 15, 40, 100, 200, 400, 1000, 2000} {
		link := "https://acme.example/" + strings.Repeat("a1-Z", n)[:n]
		bm := signage.QR(link)
		if bm == nil {
			t.Fatalf("no QR code for a %d-byte link", len(link))
		}
		if text, _ := decodeQR(t, bm); text != link {
			t.Errorf("QR of a %d-byte link reads %q", len(link), text)
		}
		if !quietZone(bm) {
			t.Errorf("QR of a %d-byte link has no quiet zone", len(link))
		}
	}
	if bm := signage.QR(strings.Repeat("a", 3000)); bm != nil {
		t.Error("a QR code of a link longer than the largest version holds")
	}
	if bm := signage.QR(""); bm != nil {
		t.Error("a QR code of an empty link")
	}
}

// decodeQR draws the module grid at 4 pixels a module and decodes it,
// returning the text and the error correction level.
func decodeQR(t *testing.T, g [][]bool) (string, string) {
	t.Helper()
	const scale = 4
	img := image.NewGray(image.Rect(0, 0, len(g)*scale, len(g)*scale))
	for y, row := range g {
		for x, dark := range row {
			c := color.Gray{Y: 0xFF}
			if dark {
				c = color.Gray{}
			}
			for dy := range scale {
				for dx := range scale {
					img.SetGray(x*scale+dx, y*scale+dy, c)
				}
			}
		}
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: true})
	if err != nil {
		t.Fatalf("decoding the QR code: %v", err)
	}
	level, _ := res.GetResultMetadata()[gozxing.ResultMetadataType_ERROR_CORRECTION_LEVEL].(string)
	return res.GetText(), level
}

// quietZone reports whether the outer four modules of g are all light.
func quietZone(g [][]bool) bool {
	n := len(g)
	for y, row := range g {
		for x, dark := range row {
			if dark && (x < 4 || y < 4 || x >= n-4 || y >= n-4) {
				return false
			}
		}
	}
	return true
}

func TestFactsStated(t *testing.T) {
	v := render(t, webtest.Input(t, "spring-sale.md"))
	want := content.Facts{Price: "79.99", Currency: "USD", Was: "99.99", Code: "SPRING20",
		Ends: "2025-05-01T06:59:00Z", URL: "https://acme.example/sale/spring"}
	if v.Facts != want {
		t.Errorf("facts = %+v, want %+v", v.Facts, want)
	}
	for _, s := range []string{">SPRING20<", "line-through"} {
		if !strings.Contains(v.Body, s) && !strings.Contains(v.Body, strings.Trim(s, "<>")) {
			t.Errorf("screen lacks %q", s)
		}
	}
}

func TestHeadline(t *testing.T) {
	in := webtest.Input(t, "trail-run.md")
	long := strings.Repeat("Ridge run ", 12)
	in.Item.Title = long
	v := render(t, in)
	if n := v.Metrics["headline_chars"].(int); n > signage.HeadlineMax {
		t.Errorf("fitted title headline has %d characters", n)
	}
	in.Item.Overrides = map[string]content.Overrides{"signage": {"headline": long}}
	v = render(t, in)
	if n := v.Metrics["headline_chars"].(int); n <= signage.HeadlineMax {
		t.Errorf("override headline cut to %d characters; it should be kept and flagged", n)
	}
	if v.Texts[0].Override != "overrides.signage.headline" {
		t.Errorf("texts[0] = %+v", v.Texts[0])
	}
}

func TestWrapCJK(t *testing.T) {
	in := webtest.Input(t, "spring-sale.zh-CN.md")
	in.Item.Title = strings.Repeat("春季特卖夹克八折", 5)
	v := render(t, in)
	if n := v.Metrics["headline_lines"].(int); n < 2 {
		t.Errorf("a long Chinese headline on %d line(s)", n)
	}
	wellFormed(t, v.Body)
}

func TestHostile(t *testing.T) {
	v := render(t, webtest.Hostile(t, "signage"))
	for _, s := range []string{v.Body, v.Fields["html"].(string)} {
		if d := webtest.Dangers(s); len(d) > 0 {
			t.Errorf("dangerous output %v in:\n%s", d, s)
		}
	}
	if strings.Contains(v.Body, "crispEdges") || v.Facts.URL != "" {
		t.Error("a QR code of a refused link")
	}
	wellFormed(t, v.Body)
}

func TestControlCharacters(t *testing.T) {
	in := webtest.Input(t, "trail-run.md")
	in.Item.Title = "Run\x00\x01\x1b fast"
	wellFormed(t, render(t, in).Body)
}

func TestDeterministic(t *testing.T) {
	for _, c := range webtest.Cases {
		a := render(t, webtest.Input(t, c.File))
		b := render(t, webtest.Input(t, c.File))
		if a.Body != b.Body || a.Fields["html"] != b.Fields["html"] {
			t.Errorf("%s: two renders differ", c.Name)
		}
	}
}

func TestOddItems(t *testing.T) {
	for _, it := range []*content.Item{
		{},
		{ID: "x", Type: "promotion", Offer: &content.Offer{Price: "1", Currency: "USD"}, CTA: &content.CTA{URL: "https://a.example/" + strings.Repeat("x", 5000)}},
	} {
		v := render(t, &adapters.Input{Item: it})
		wellFormed(t, v.Body)
	}
}

func TestContract(t *testing.T) { adapterstest.Run(t, signage.New()) }

func TestRightToLeft(t *testing.T) {
	v := render(t, adapterstest.SampleInput("rtl-ar"))
	if !strings.Contains(v.Body, `direction="rtl"`) || !strings.Contains(v.Body, `<text x="1020" y="`) {
		t.Error("an Arabic screen is not laid out right to left")
	}
}

func BenchmarkQR(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		signage.QR("https://acme.example/items/1234?utm_campaign=item-1234&utm_medium=signage&utm_source=signage")
	}
}
