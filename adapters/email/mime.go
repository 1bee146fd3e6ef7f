package email

import (
	"encoding/base64"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/web"
	"github.com/chorus-dev/chorus/content"
)

// lineMax is the header line length RFC 5322 asks senders to keep to.
const lineMax = 78

// buildMessage writes the .eml: headers, then a multipart/alternative with
// the plain-text part first and the HTML part last (RFC 2046: the last
// part is the richest, the one a capable client shows). Both parts are
// quoted-printable, every line ends in CRLF, and nothing depends on the
// clock: Date is the item's publish time, and Message-ID and the boundary
// are hashes of the item and the parts.
func buildMessage(in *adapters.Input, cfg *content.Config, subject, text, html string) string {
	it := in.Item
	var h []string
	add := func(name, value string) { h = append(h, fold(name, value)) }
	add("From", fromHeader(cfg))
	if rt := address(cfg.Email.ReplyTo); rt != "" {
		add("Reply-To", rt)
	}
	add("To", "undisclosed-recipients:;")
	add("Subject", encodeWord(subject))
	if it.Publish != nil {
		add("Date", it.Publish.Format(time.RFC1123Z))
	}
	add("Message-ID", "<"+hash(32, it.ID, it.Locale)+"@"+host(cfg)+">")
	add("MIME-Version", "1.0")
	if u := unsubscribeURL(cfg); u != "" {
		add("List-Unsubscribe", "<"+u+">")
		add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
	}
	boundary := "chorus-" + hash(32, text, html)
	add("Content-Type", `multipart/alternative; boundary="`+boundary+`"`)

	var b strings.Builder
	b.Grow(qpSize(text) + qpSize(html) + 1024)
	b.WriteString(strings.Join(h, "\r\n"))
	b.WriteString("\r\n\r\n")
	mw := multipart.NewWriter(&b)
	if err := mw.SetBoundary(boundary); err != nil {
		return ""
	}
	for _, p := range []struct{ typ, body string }{
		{"text/plain; charset=utf-8", text},
		{"text/html; charset=utf-8", html},
	} {
		w, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {p.typ},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return ""
		}
		qp := quotedprintable.NewWriter(w)
		if _, err := qp.Write([]byte(p.body)); err != nil {
			return ""
		}
		if err := qp.Close(); err != nil {
			return ""
		}
	}
	if err := mw.Close(); err != nil {
		return ""
	}
	return b.String()
}

// qpSize is about the length of s quoted-printable encoded, a little
// over rather than under: a byte other than printable ASCII, space or a
// line end takes three, a line end two, and a soft line break "=\r\n"
// ends lines of at least 72 characters.
func qpSize(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= ' ' && c <= '~' && c != '=' || c == '\t':
			n++
		case c == '\n' || c == '\r':
			n += 2
		default:
			n += 3
		}
	}
	return n + n/24 + 16
}

// fromHeader is the From address: chorus.yaml's email.from when it parses
// as an address, else the brand at no-reply@ the base URL's host.
func fromHeader(cfg *content.Config) string {
	if a := address(cfg.Email.From); a != "" {
		return a
	}
	name := oneLine(web.Brand(cfg))
	return (&mail.Address{Name: name, Address: "no-reply@" + host(cfg)}).String()
}

// address parses a configured address and writes it back in canonical
// form, the display name RFC 2047-encoded when it is not ASCII. It returns
// "" for an empty or unparseable value, which also keeps line breaks out
// of the headers.
func address(s string) string {
	if strings.TrimSpace(s) == "" || strings.ContainsAny(s, "\r\n") {
		return ""
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return ""
	}
	return a.String()
}

// host is the base URL's host, or a reserved name that can never be
// delivered to when the workspace has none.
func host(cfg *content.Config) string {
	if h := web.Host(cfg); h != "" {
		return h
	}
	return "chorus.invalid"
}

// wordBytes is the most UTF-8 bytes one encoded-word carries: its
// base64 text is then at most 56 characters, and the word with its
// "=?utf-8?b?" and "?=" at most 68, so that even the first line,
// "Subject: " and one word, stays within 78 characters.
const wordBytes = 42

// encodeWord writes a header text as RFC 2047 encoded-words when it holds
// anything but printable ASCII: base64 ("B") words of whole characters,
// separated by spaces, which decoders drop between encoded-words. The
// standard library's encoder makes words of up to 75 characters, too long
// for the first line of a folded header.
func encodeWord(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	var words []string
	for len(s) > 0 {
		n := 0
		for n < len(s) {
			_, size := utf8.DecodeRuneInString(s[n:])
			if n > 0 && n+size > wordBytes {
				break
			}
			n += size
		}
		words = append(words, "=?utf-8?b?"+base64.StdEncoding.EncodeToString([]byte(s[:n]))+"?=")
		s = s[n:]
	}
	return strings.Join(words, " ")
}

// fold writes "Name: value", folding at spaces so that lines stay within
// 78 characters where the value allows (RFC 5322 section 2.2.3).
func fold(name, value string) string {
	words := strings.Split(value, " ")
	var b strings.Builder
	line := name + ":"
	for i, w := range words {
		if i > 0 && w != "" && len(line)+1+len(w) > lineMax {
			b.WriteString(line + "\r\n")
			line = ""
		}
		line += " " + w
	}
	b.WriteString(line)
	return b.String()
}
