package email_test

import (
	"flag"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/adapterstest"
	"github.com/chorus-dev/chorus/adapters/email"
	"github.com/chorus-dev/chorus/adapters/web/webtest"
	"github.com/chorus-dev/chorus/content"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func render(t *testing.T, in *adapters.Input) *adapters.Variant {
	t.Helper()
	v, err := email.New().Render(in)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestGolden(t *testing.T) {
	for _, c := range webtest.Cases {
		t.Run(c.Name, func(t *testing.T) {
			v := render(t, webtest.Input(t, c.File))
			webtest.Golden(t, c.Name+".eml", []byte(v.Body), *update)
			webtest.Golden(t, c.Name+".variant.json", adapterstest.Envelope(t, v), *update)
		})
	}
}

type part struct {
	header map[string][]string
	body   string
}

// parse reads an .eml back the way a mail client would.
func parse(t *testing.T, eml string) (*mail.Message, []part) {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(eml))
	if err != nil {
		t.Fatal(err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q: %v", msg.Header.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	var parts []part
	for {
		p, err := mr.NextRawPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Header.Get("Content-Transfer-Encoding"); got != "quoted-printable" {
			t.Errorf("Content-Transfer-Encoding = %q", got)
		}
		b, err := io.ReadAll(quotedprintable.NewReader(p))
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, part{p.Header, strings.ReplaceAll(string(b), "\r\n", "\n")})
	}
	return msg, parts
}

func TestMessageParsesBack(t *testing.T) {
	for _, c := range webtest.Cases {
		t.Run(c.Name, func(t *testing.T) {
			in := webtest.Input(t, c.File)
			v := render(t, in)
			msg, parts := parse(t, v.Body)

			if strings.Contains(strings.ReplaceAll(v.Body, "\r\n", ""), "\n") {
				t.Error("a line ends in a bare LF")
			}
			head := v.Body[:strings.Index(v.Body, "\r\n\r\n")]
			for _, l := range strings.Split(head, "\r\n") {
				if len(l) > 78 && !strings.HasPrefix(l, "Content-Type:") {
					t.Errorf("header line of %d characters: %q", len(l), l)
				}
			}

			subj, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
			if err != nil {
				t.Fatal(err)
			}
			if subj != v.Fields["subject"] {
				t.Errorf("decoded subject %q, field %q", subj, v.Fields["subject"])
			}
			want := map[string]string{
				"From":                  `"Acme Outdoor" <news@acme.example>`,
				"To":                    "undisclosed-recipients:;",
				"Date":                  in.Item.Publish.Format("Mon, 02 Jan 2006 15:04:05 -0700"),
				"MIME-Version":          "1.0",
				"List-Unsubscribe":      "<https://acme.example/unsubscribe>",
				"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
			}
			for k, w := range want {
				if got := msg.Header.Get(k); got != w {
					t.Errorf("%s = %q, want %q", k, got, w)
				}
			}
			if id := msg.Header.Get("Message-ID"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@acme.example>") {
				t.Errorf("Message-ID = %q", id)
			}

			if len(parts) != 2 {
				t.Fatalf("%d parts, want 2", len(parts))
			}
			for i, typ := range []string{"text/plain; charset=utf-8", "text/html; charset=utf-8"} {
				if got := parts[i].header["Content-Type"]; len(got) != 1 || got[0] != typ {
					t.Errorf("part %d Content-Type = %q, want %q", i, got, typ)
				}
			}
			if parts[0].body != v.Fields["text"] {
				t.Errorf("text part differs from Fields[text]:\n%s", parts[0].body)
			}
			if parts[1].body != v.Fields["html"] {
				t.Errorf("html part differs from Fields[html]")
			}
		})
	}
}

func TestFactsStated(t *testing.T) {
	v := render(t, webtest.Input(t, "spring-sale.md"))
	want := content.Facts{Price: "79.99", Currency: "USD", Was: "99.99", Code: "SPRING20",
		Ends: "2025-05-01T06:59:00Z", URL: "https://acme.example/sale/spring"}
	if v.Facts != want {
		t.Errorf("facts = %+v, want %+v", v.Facts, want)
	}
	d := v.Fields["html"].(string) + v.Fields["text"].(string)
	for _, s := range []string{"SPRING20", "utm_", "Unsubscribe"} {
		if !strings.Contains(d, s) {
			t.Errorf("message does not state %q", s)
		}
	}
}

func TestSubject(t *testing.T) {
	in := webtest.Input(t, "spring-sale.md")
	v := render(t, in)
	if got := v.Fields["subject"]; got != "20% off StormShell: our spring sale is on" {
		t.Errorf("subject = %q, want the override", got)
	}
	if got := v.Texts[0]; got.Field != "subject" || got.Override != "overrides.email.subject" {
		t.Errorf("first text = %+v, want the subject override", got)
	}

	long := strings.Repeat("Waterproof jackets for every trail ", 4)
	in.Item.Overrides = nil
	in.Item.Title = long
	v = render(t, in)
	if n := v.Metrics["subject_length"].(int); n > email.SubjectMax || n == 0 {
		t.Errorf("fitted title subject has %d characters", n)
	}

	in.Item.Overrides = map[string]content.Overrides{"email": {"subject": long}}
	v = render(t, in)
	if n := v.Metrics["subject_length"].(int); n <= email.SubjectMax {
		t.Errorf("override subject was cut to %d characters; it should be kept and flagged", n)
	}
	var lim adapters.Limit
	for _, l := range email.New().Limits() {
		if l.Metric == "subject_length" {
			lim = l
		}
	}
	if lim.Max != 60 || lim.Severity != content.Warning {
		t.Errorf("subject limit = %+v", lim)
	}
}

func TestHTMLSize(t *testing.T) {
	v := render(t, webtest.Input(t, "layering-guide.md"))
	if n := v.Metrics["html_bytes"].(int); n != len(v.Fields["html"].(string)) || n >= email.ClipBytes {
		t.Errorf("html_bytes = %d", n)
	}
}

// TestLongBodyIsCut: a body that would push the message over Gmail's
// clipping size is cut after a whole block, with a link to the rest.
func TestLongBodyIsCut(t *testing.T) {
	in := adapterstest.SampleInput("promotion-en-US")
	it := *in.Item
	var body strings.Builder
	for i := range 120 {
		fmt.Fprintf(&body, "## Stage %d\n\n%s\n\n- water\n- map\n\n", i, strings.Repeat("The trail climbs through pine and granite to the lake. ", 20))
	}
	src := "---\nid: spring-sale\n---\n" + body.String()
	it.Src = content.NewSource(it.File, []byte(src))
	it.BodyOffset = len("---\nid: spring-sale\n---\n")
	it.Doc = nil
	in2 := *in
	in2.Item = &it
	v := render(t, &in2)
	html := v.Fields["html"].(string)
	if n := v.Metrics["html_bytes"].(int); n > email.ClipBytes || n != len(html) {
		t.Fatalf("html_bytes = %d, over %d", n, email.ClipBytes)
	}
	if !strings.Contains(html, ">Read the rest online</a></p>") || !strings.Contains(html, "Stage 10") || strings.Contains(html, "Stage 119") {
		t.Error("the body was not cut with a link to the rest")
	}
	if strings.Count(html, "<ul") != strings.Count(html, "</ul>") || strings.Count(html, "<h2") != strings.Count(html, "</h2>") {
		t.Error("the cut left an element open")
	}
}

func TestHostile(t *testing.T) {
	v := render(t, webtest.Hostile(t, "email"))
	for _, s := range []string{v.Body, v.Fields["html"].(string), v.Fields["text"].(string), v.Fields["subject"].(string)} {
		if d := webtest.Dangers(s); len(d) > 0 {
			t.Errorf("dangerous output %v in:\n%s", d, s)
		}
	}
	if v.Facts.URL != "" {
		t.Errorf("refused CTA URL still a fact: %q", v.Facts.URL)
	}
}

func TestHeaderInjection(t *testing.T) {
	in := webtest.Input(t, "trail-run.md")
	in.Item.Title = "Hello\r\nBcc: victim@example.com"
	in.Config.Email.From = "Evil\r\nBcc: x@example.com <a@example.com>"
	v := render(t, in)
	msg, _ := parse(t, v.Body)
	if got := msg.Header.Get("Bcc"); got != "" {
		t.Errorf("injected Bcc header %q", got)
	}
	if got := msg.Header.Get("From"); got != `"Acme Outdoor" <no-reply@acme.example>` {
		t.Errorf("From = %q", got)
	}
}

func TestNoConfigNoGuide(t *testing.T) {
	in := webtest.Input(t, "trail-run.md")
	in.Config, in.Guide = nil, nil
	v := render(t, in)
	msg, parts := parse(t, v.Body)
	if got := msg.Header.Get("From"); got != "<no-reply@chorus.invalid>" {
		t.Errorf("From = %q", got)
	}
	if msg.Header.Get("List-Unsubscribe") != "" || len(parts) != 2 {
		t.Errorf("unexpected unsubscribe header or parts")
	}
}

func TestDeterministic(t *testing.T) {
	for _, c := range webtest.Cases {
		a := render(t, webtest.Input(t, c.File))
		b := render(t, webtest.Input(t, c.File))
		if a.Body != b.Body || a.Version != b.Version {
			t.Errorf("%s: two renders differ", c.Name)
		}
	}
}

func TestContract(t *testing.T) { adapterstest.Run(t, email.New()) }
