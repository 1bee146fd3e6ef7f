package email

import (
	"encoding/base64"
	"mime/multipart"
	"net/mail"
	"net/textproto"
	"strings"
	"sync"
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

	// Both parts are encoded first, into one scratch buffer, so that the
	// message is written into a buffer of its exact size.
	qp := appendQP(getScratch(), text)
	split := len(qp)
	qp = appendQP(qp, html)
	defer putScratch(qp)

	n := len(qp) + 512 // the parts' boundaries and headers take about 300
	for _, line := range h {
		n += len(line) + 2
	}
	var b strings.Builder
	b.Grow(n)
	for i, line := range h {
		if i > 0 {
			b.WriteString("\r\n")
		}
		b.WriteString(line)
	}
	b.WriteString("\r\n\r\n")
	mw := multipart.NewWriter(&b)
	if err := mw.SetBoundary(boundary); err != nil {
		return ""
	}
	for _, p := range []struct {
		typ  string
		body []byte
	}{
		{"text/plain; charset=utf-8", qp[:split]},
		{"text/html; charset=utf-8", qp[split:]},
	} {
		w, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {p.typ},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return ""
		}
		if _, err := w.Write(p.body); err != nil {
			return ""
		}
	}
	if err := mw.Close(); err != nil {
		return ""
	}
	return b.String()
}

// scratch holds the buffers buildMessage encodes the parts into and hash
// hashes in; one grown past maxScratch is left to the collector.
var scratch = sync.Pool{New: func() any { return new([]byte) }}

const maxScratch = 1 << 20

// getScratch returns an empty buffer from scratch.
func getScratch() []byte { return (*scratch.Get().(*[]byte))[:0] }

// putScratch gives b back to scratch; b must not be used after.
func putScratch(b []byte) {
	if cap(b) <= maxScratch {
		b = b[:0]
		scratch.Put(&b)
	}
}

// qpLineMax is the longest quoted-printable line, soft break included.
const qpLineMax = 76

// appendQP appends s quoted-printable encoded to dst, byte for byte as
// mime/quotedprintable's Writer (not in binary mode) writes it when s is
// written and the Writer closed: printable ASCII, spaces and tabs as they
// are but '=' and white space before a line end, every other byte as
// "=XX"; CR, LF and CRLF as CRLF; a soft line break "=\r\n" before a line
// would pass 76 characters. It works in dst, without the Writer's line
// buffer and its write per line.
func appendQP(dst []byte, s string) []byte {
	line := len(dst) // where the current line starts
	cr := false      // the last line end written was a CR
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\n' || c == '\r':
			if cr && c == '\n' {
				cr = false
				continue
			}
			cr = c == '\r'
			dst = qpEncodeLastSpace(dst, &line)
			dst = append(dst, '\r', '\n')
			line = len(dst)
		case c >= '!' && c <= '~' && c != '=' || c == ' ' || c == '\t':
			if len(dst)-line == qpLineMax-1 {
				dst = append(dst, '=', '\r', '\n')
				line = len(dst)
			}
			dst = append(dst, c)
			cr = false
		default:
			dst = qpEncode(dst, &line, c)
		}
	}
	return qpEncodeLastSpace(dst, &line)
}

// qpEncode appends c as "=XX", after a soft line break when the line has
// no room for it.
func qpEncode(dst []byte, line *int, c byte) []byte {
	if qpLineMax-1-(len(dst)-*line) < 3 {
		dst = append(dst, '=', '\r', '\n')
		*line = len(dst)
	}
	const upperhex = "0123456789ABCDEF"
	return append(dst, '=', upperhex[c>>4], upperhex[c&0x0f])
}

// qpEncodeLastSpace encodes a space or tab that ends the current line,
// which a reader could not tell from padding.
func qpEncodeLastSpace(dst []byte, line *int) []byte {
	if n := len(dst); n > *line && (dst[n-1] == ' ' || dst[n-1] == '\t') {
		return qpEncode(dst[:n-1], line, dst[n-1])
	}
	return dst
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
