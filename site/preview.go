package site

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/content"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

// previewTemplates are parsed once, the first time a preview page is
// rendered; they are part of the binary, so a parse error is a build
// mistake that the preview tests catch.
var previewTemplates = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").ParseFS(templateFS, "templates/*.html"))
})

// previewCSP keeps the preview's own scripts the only ones that run;
// variant markup lives in sandboxed frames without scripts.
const previewCSP = "default-src 'self'; img-src * data:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
	"connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'"

func (s *Server) previewRoutes(mux *http.ServeMux) {
	mux.Handle("GET /{$}", s.ready(s.previewAuth(http.HandlerFunc(s.handleList))))
	mux.Handle("GET /items/{id}", s.ready(s.previewAuth(http.HandlerFunc(s.handleItemPage))))
	mux.HandleFunc("GET /assets/{name}", handleAsset)
	// The preview page's own change stream, guarded like the page: a
	// browser's EventSource sends the page's cookie but no header.
	mux.Handle("GET /preview/events", s.ready(s.previewAuth(http.HandlerFunc(s.handleEvents))))
}

// previewCookie holds the preview's token in the browser.
const previewCookie = "chorus_token"

// previewAuth guards the preview when chorus.yaml configures tokens: it
// shows every item on every channel, scheduled ones too, so it needs a
// token that may read every channel. A browser presents it once as
// ?token=<secret> on any preview page; the answer keeps it in an
// HttpOnly, same-site cookie and sends the browser to the page without
// it, so the secret does not stay in the address bar or the history.
// Scripts may send Authorization: Bearer instead.
func (s *Server) previewAuth(next http.Handler) http.Handler {
	return s.tokenGate("the preview stays closed", next, func(w http.ResponseWriter, r *http.Request, toks []content.TokenConfig) {
		q := r.URL.Query()
		if secret := q.Get("token"); secret != "" {
			if i := matchToken(toks, secret); i >= 0 && len(toks[i].Channels) == 0 {
				http.SetCookie(w, &http.Cookie{Name: previewCookie, Value: secret, Path: "/", HttpOnly: true,
					Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode})
				q.Del("token")
				u := *r.URL
				u.RawQuery = q.Encode()
				http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
				return
			}
		}
		secret, ok := bearerToken(r)
		if !ok {
			if c, err := r.Cookie(previewCookie); err == nil {
				secret, ok = c.Value, true
			}
		}
		i := -1
		if ok {
			i = matchToken(toks, secret)
		}
		switch {
		case i < 0:
			w.Header().Set("WWW-Authenticate", `Bearer realm="chorus"`)
			writeError(w, http.StatusUnauthorized, "the preview needs a token that may read every channel: open this page once with ?token=<secret>")
		case len(toks[i].Channels) > 0:
			writeError(w, http.StatusForbidden, "the preview shows every channel; this token may read only some")
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// ---- page data ----

// page is what every preview page shows around its content.
type page struct {
	Title     string
	Brand     string
	Version   string
	Now       string
	EventsURL string
	Reload    *reloadView
	Main      string // the template of the page body
}

type reloadView struct {
	Message  string
	Findings []findingView
}

type findingView struct {
	Where, Severity, Rule, Message, Channel string
}

func viewFindings(fs []content.Finding) []findingView {
	out := make([]findingView, 0, len(fs))
	for _, f := range fs {
		out = append(out, findingView{Where: f.Pos.String(), Severity: f.Severity.String(), Rule: f.Rule, Message: f.Message, Channel: f.Channel})
	}
	return out
}

func (s *Server) pageFor(st *state, title, main string) page {
	p := page{Title: title, Version: st.snap.Version, Now: s.now().UTC().Format(time.RFC3339), Main: main, EventsURL: "/v1/events"}
	if st.snap.Config != nil {
		p.Brand = st.snap.Config.Brand
	}
	if s.authOn() {
		p.EventsURL = "/preview/events"
	}
	if re := st.reloadErr; re != nil {
		p.Reload = &reloadView{Message: re.Message, Findings: viewFindings(re.Findings)}
	}
	return p
}

type listPage struct {
	page
	Q, Type, Locale, State, Findings string
	Types, Locales, States           []string
	FindingFilters                   []option
	Rows                             []listRow
	Total                            int
}

// option is a choice of a select: its value and its label.
type option struct{ Value, Label string }

// publishStates are the states publishState gives, in time order.
var publishStates = []string{"scheduled", "live", "expired"}

// findingFilters are the choices of the list's findings filter; the
// value is what a row's data-findings holds.
var findingFilters = []option{
	{"errors", "With errors"},
	{"warnings", "With warnings or worse"},
	{"any", "With any finding"},
	{"none", "Without findings"},
}

type listRow struct {
	ID, Title, Type, Locale, State, URL string
	Errors, Warnings, Suggestions       int
	Pending                             bool
	Search                              string // lowercase id and title, for the script's filter
	Findings                            string // the worst severity: "errors", "warnings", "suggestions" or "none"
}

// matches reports whether a row with the worst finding worst passes the
// findings filter f.
func findingsMatch(f, worst string) bool {
	switch f {
	case "errors":
		return worst == "errors"
	case "warnings":
		return worst == "errors" || worst == "warnings"
	case "any":
		return worst != "none"
	case "none":
		return worst == "none"
	}
	return true
}

func (s *Server) handleList(w http.ResponseWriter, r *http.Request) {
	st, snap := s.snapFor()
	q := r.URL.Query()
	lp := listPage{
		page:           s.pageFor(st, "Items", "list"),
		Q:              strings.TrimSpace(q.Get("q")),
		Type:           q.Get("type"),
		Locale:         q.Get("locale"),
		State:          q.Get("state"),
		Findings:       q.Get("findings"),
		Types:          content.Types,
		States:         publishStates,
		FindingFilters: findingFilters,
	}
	lp.Locales = snap.Locales()
	if lp.Type != "" && !slices.Contains(lp.Types, lp.Type) {
		lp.Type = ""
	}
	if lp.Locale != "" && !slices.Contains(lp.Locales, lp.Locale) {
		lp.Locale = ""
	}
	if lp.State != "" && !slices.Contains(lp.States, lp.State) {
		lp.State = ""
	}
	if !slices.ContainsFunc(findingFilters, func(o option) bool { return o.Value == lp.Findings }) {
		lp.Findings = ""
	}
	now := s.now()
	needle := strings.ToLower(lp.Q)
	for _, e := range snap.Entries {
		it := e.Item
		lp.Total++
		search := strings.ToLower(it.ID + " " + it.Title)
		if (lp.Type != "" && it.Type != lp.Type) || (lp.Locale != "" && it.Locale != lp.Locale) || !strings.Contains(search, needle) {
			continue
		}
		row := listRow{
			ID: it.ID, Title: it.Title, Type: it.Type, Locale: it.Locale,
			State: publishState(it, now), Search: search,
			URL:     "/items/" + url.PathEscape(it.ID) + "?locale=" + url.QueryEscape(it.Locale),
			Pending: len(st.pending[it.File]) > 0,
		}
		row.Errors, row.Warnings, row.Suggestions = content.Count(e.Findings)
		switch {
		case row.Errors > 0:
			row.Findings = "errors"
		case row.Warnings > 0:
			row.Findings = "warnings"
		case row.Suggestions > 0:
			row.Findings = "suggestions"
		default:
			row.Findings = "none"
		}
		if (lp.State != "" && row.State != lp.State) || !findingsMatch(lp.Findings, row.Findings) {
			continue
		}
		lp.Rows = append(lp.Rows, row)
	}
	s.render(w, lp)
}

type itemPage struct {
	page
	ID, ItemTitle, Type, Locale, File, State string
	Publish, Expire                          string
	Translations                             []translationLink
	Frames                                   []frame
	Source                                   []findingView
	Pending                                  []findingView
}

type translationLink struct {
	Locale, URL string
	Current     bool
}

// frame is one channel as the reader sees it. Kind picks the template.
type frame struct {
	Channel, Name, Kind, Description string
	Locale, Initial                  string
	Metrics                          []metricView
	Findings                         []findingView
	Version                          string

	Text       []segment // the main text, with findings marked
	Title      []segment
	From       string
	Subject    []segment
	Preheader  []segment
	SrcDoc     string // HTML for a sandboxed frame
	Image      template.URL
	ImageAlt   string
	Code       string // SSML, JSON or a body shown as source
	Facts      string
	Replies    []string
	Segments   string // SMS: "2 segments · GSM-7"
	Brand      string
	Time       string
	CodeLabel  string
	FrameTitle string
}

type metricView struct {
	Name  string
	Value string
	Max   string
	Unit  string
	Over  bool
}

// segment is a run of text, marked when a finding names it.
type segment struct {
	Text string
	Mark bool
	Note string
}

func (s *Server) handleItemPage(w http.ResponseWriter, r *http.Request) {
	st, snap := s.snapFor()
	id, _, e, ok := itemParams(w, r, snap)
	if !ok {
		return
	}
	if e == nil {
		if tr := snap.Translations(id); len(tr) > 0 {
			e = tr[0]
		} else {
			writeError(w, http.StatusNotFound, fmt.Sprintf("no item %q", id))
			return
		}
	}
	it := e.Item
	ip := itemPage{
		page: s.pageFor(st, it.Title, "item"),
		ID:   it.ID, ItemTitle: it.Title, Type: it.Type, Locale: it.Locale, File: it.File,
		State:   publishState(it, s.now()),
		Publish: showTime(it.Publish), Expire: showTime(it.Expire),
		Pending: viewFindings(st.pending[it.File]),
	}
	for _, t := range snap.Translations(id) {
		ip.Translations = append(ip.Translations, translationLink{
			Locale: t.Item.Locale, Current: t == e,
			URL: "/items/" + url.PathEscape(id) + "?locale=" + url.QueryEscape(t.Item.Locale),
		})
	}
	var source []content.Finding
	byChannel := map[string][]content.Finding{}
	for _, f := range e.Findings {
		if f.Channel == "" {
			source = append(source, f)
		} else {
			byChannel[f.Channel] = append(byChannel[f.Channel], f)
		}
	}
	ip.Source = viewFindings(source)
	brand := ip.Brand
	for _, ch := range snap.Channels {
		v := e.Variants[ch]
		if v == nil {
			continue
		}
		ip.Frames = append(ip.Frames, makeFrame(snap.Adapter(ch), v, byChannel[ch], source, brand, it))
	}
	s.render(w, ip)
}

func showTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

func (s *Server) render(w http.ResponseWriter, data any) {
	var buf bytes.Buffer
	if err := previewTemplates().ExecuteTemplate(&buf, "layout.html", data); err != nil {
		s.log.Error("preview template", "error", err.Error())
		writeError(w, http.StatusInternalServerError, "rendering the page failed")
		return
	}
	h := w.Header()
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Security-Policy", previewCSP)
	h.Set("Referrer-Policy", "no-referrer")
	writeBytes(w, http.StatusOK, "text/html; charset=utf-8", buf.Bytes())
}

// ---- frames ----

var channelNames = map[string]string{
	"web": "Web", "email": "Email", "x": "X", "mastodon": "Mastodon", "bluesky": "Bluesky",
	"threads": "Threads", "instagram": "Instagram", "facebook": "Facebook", "linkedin": "LinkedIn",
	"sms": "SMS", "push": "Push notification", "voice": "Voice", "signage": "Signage",
	"chat": "Chat", "app": "App",
}

// frameKinds maps a channel to the way it is drawn; others show their
// body as source.
var frameKinds = map[string]string{
	"web": "web", "email": "email", "x": "post", "mastodon": "post", "bluesky": "post", "threads": "post",
	"facebook": "post", "linkedin": "post", "instagram": "instagram", "sms": "sms", "push": "push",
	"voice": "voice", "signage": "signage", "chat": "chat", "app": "app",
}

// fragmentFrame wraps a web fragment in a page with readable defaults.
const fragmentFrame = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>` +
	`body{font:16px/1.5 system-ui,sans-serif;margin:16px;color:#1b1b1b;background:#fff}img{max-width:100%;height:auto}` +
	`</style></head><body>`

// makeFrame draws variant v as its channel shows it, with the channel's
// findings fs listed and the words of those and of the item's own
// findings (source) marked wherever the frame shows them.
func makeFrame(a adapters.Adapter, v *adapters.Variant, fs, source []content.Finding, brand string, it *content.Item) frame {
	ch := v.Channel
	if ch == "" && a != nil {
		ch = a.ID()
	}
	f := frame{Channel: ch, Name: channelNames[ch], Kind: frameKinds[ch], Version: v.Version, Findings: viewFindings(fs),
		Brand: brand, Locale: v.Locale, Initial: "C"}
	if f.Brand == "" {
		f.Brand = "Brand"
	}
	for _, r := range f.Brand {
		f.Initial = strings.ToUpper(string(r))
		break
	}
	if f.Name == "" {
		f.Name = ch
	}
	if f.Kind == "" {
		f.Kind = "generic"
	}
	if a != nil {
		if d, ok := a.(adapters.Describer); ok {
			f.Description = d.Describe()
		}
		f.Metrics = metricViews(a.Limits(), v.Metrics)
	}
	marks := markWords(slices.Concat(fs, source))
	str := func(k string) string { s, _ := v.Fields[k].(string); return s }
	switch f.Kind {
	case "web":
		f.Title = mark(str("title"), marks)
		if fragment := str("html"); fragment == "" {
			f.SrcDoc = markHTML(v.Body, marks)
		} else {
			f.SrcDoc = fragmentFrame + markHTML(fragment, marks) + "</body></html>"
		}
		f.FrameTitle = "Web page preview"
	case "email":
		f.From = str("from")
		f.Subject = mark(str("subject"), marks)
		f.Preheader = mark(str("preheader"), marks)
		f.SrcDoc = markHTML(str("html"), marks)
		f.FrameTitle = "Email body preview"
	case "post":
		t := str("text")
		if t == "" {
			t = str("message")
		}
		if t == "" {
			t = v.Body
		}
		f.Text = mark(t, marks)
	case "instagram":
		f.Text = mark(firstNonEmpty(str("caption"), v.Body), marks)
		if img, ok := v.Fields["image"].(map[string]any); ok {
			f.ImageAlt, _ = img["alt"].(string)
		}
		if f.ImageAlt == "" && it.Image != nil {
			f.ImageAlt = it.Image.Alt
		}
	case "sms":
		f.Text = mark(firstNonEmpty(str("text"), v.Body), marks)
		parts := []string{}
		if n, ok := metric(v.Metrics["segments"]); ok {
			parts = append(parts, fmt.Sprintf("%d %s", n, plural(int(n), "segment", "segments")))
		}
		if enc, ok := v.Metrics["encoding"].(string); ok {
			parts = append(parts, enc)
		}
		if n, ok := metric(v.Metrics["units"]); ok {
			parts = append(parts, fmt.Sprintf("%d units", n))
		}
		f.Segments = strings.Join(parts, " · ")
	case "push":
		title, body := pushAlert(v)
		f.Title, f.Text = mark(title, marks), mark(body, marks)
		f.Time = "9:41"
		f.Code = prettyJSON(v.Body)
	case "voice":
		f.Text = mark(str("text"), marks)
		f.Code = v.Body
		f.CodeLabel = "SSML"
	case "signage":
		f.Title = mark(str("headline"), marks)
		if strings.HasPrefix(v.MediaType, "image/svg+xml") && v.Body != "" {
			f.Image = template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(v.Body)))
		}
		f.ImageAlt = "Signage screen: " + firstNonEmpty(str("headline"), it.Title)
		if cta := str("cta"); cta != "" {
			f.ImageAlt += ". " + cta + ", with a QR code"
		}
	case "chat":
		f.Title = mark(str("title"), marks)
		f.Text = mark(str("text"), marks)
		f.Facts = str("facts")
		card := chatCard(v.Body)
		f.Replies = card.replies
		f.ImageAlt = card.imageAlt
	case "app":
		f.Code = prettyJSON(v.Body)
		f.CodeLabel = "JSON"
	default:
		f.Code = v.Body
		f.CodeLabel = v.MediaType
	}
	return f
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// metricViews pairs each limit with its metric ("231 / 280 weighted
// characters"), then lists the metrics without a limit.
func metricViews(limits []adapters.Limit, ms map[string]any) []metricView {
	var out []metricView
	seen := map[string]bool{}
	for _, l := range limits {
		mv := metricView{Name: humanMetric(l.Metric), Max: fmt.Sprint(l.Max), Unit: l.Unit, Value: "–"}
		if n, ok := metric(ms[l.Metric]); ok {
			mv.Value = fmt.Sprint(n)
			mv.Over = n > int64(l.Max)
		}
		seen[l.Metric] = true
		out = append(out, mv)
	}
	keys := make([]string, 0, len(ms))
	for k := range ms {
		if !seen[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		out = append(out, metricView{Name: humanMetric(k), Value: fmt.Sprint(ms[k])})
	}
	return out
}

func humanMetric(m string) string { return strings.ReplaceAll(m, "_", " ") }

// quoted finds the quoted phrases of a finding message: what the finding
// is about ("STOP" is in all capitals). It is compiled on first use.
var quoted = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`"([^"\n]{1,80})"`)
})

// wrongForm finds the wrong form in messages that also give the right
// one: `write "A", not "B"` and `use "A" instead of "B"`. It is compiled
// on first use.
var wrongForm = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\b(?:not|instead of) "([^"\n]{1,80})"`)
})

// markWords collects the words the findings are about, each with the
// finding that named it: the finding's Excerpt, the words a rule matched;
// for a finding without one, the wrong form its message names, else every
// phrase it quotes.
func markWords(fs []content.Finding) map[string]string {
	out := map[string]string{}
	add := func(words string, f content.Finding) {
		if strings.TrimSpace(words) == "" {
			return
		}
		if _, ok := out[words]; !ok {
			out[words] = f.Rule + ": " + f.Message
		}
	}
	for _, f := range fs {
		if f.Excerpt != "" {
			add(f.Excerpt, f)
			continue
		}
		ms := wrongForm().FindAllStringSubmatch(f.Message, -1)
		if len(ms) == 0 {
			ms = quoted().FindAllStringSubmatch(f.Message, -1)
		}
		for _, m := range ms {
			add(m[1], f)
		}
	}
	return out
}

// markHTML marks the words of marks where they stand in the text of an
// HTML document (not inside tags or comments, nor in the head, scripts
// or styles) with <mark>, for the web and email frames.
func markHTML(doc string, marks map[string]string) string {
	if len(marks) == 0 {
		return doc
	}
	escaped := make(map[string]string, len(marks))
	for words, note := range marks {
		escaped[html.EscapeString(words)] = note
	}
	var b strings.Builder
	b.Grow(len(doc) + 256)
	skip := "" // the element whose content is not text, while inside it
	for doc != "" {
		i := strings.IndexByte(doc, '<')
		if i < 0 {
			i = len(doc)
		}
		if text := doc[:i]; skip != "" {
			b.WriteString(text)
		} else {
			for _, sg := range mark(text, escaped) {
				if sg.Mark {
					b.WriteString(`<mark style="background:#ffe066;color:#1b1b1b" title="`)
					b.WriteString(html.EscapeString(sg.Note))
					b.WriteString(`">`)
					b.WriteString(sg.Text)
					b.WriteString("</mark>")
				} else {
					b.WriteString(sg.Text)
				}
			}
		}
		doc = doc[i:]
		if doc == "" {
			break
		}
		end, closer := len(doc), ">"
		if strings.HasPrefix(doc, "<!--") {
			closer = "-->"
		}
		if j := strings.Index(doc, closer); j >= 0 {
			end = j + len(closer)
		}
		tag := doc[:end]
		switch name := tagName(tag); {
		case skip == "" && (name == "head" || name == "script" || name == "style" || name == "title"):
			skip = name
		case skip != "" && name == "/"+skip:
			skip = ""
		}
		b.WriteString(tag)
		doc = doc[end:]
	}
	return b.String()
}

// tagName is the lowercase name of a tag ("p", "/p"); "" for comments and
// declarations.
func tagName(tag string) string {
	t := strings.TrimPrefix(tag, "<")
	if t == "" || t[0] == '!' || t[0] == '?' {
		return ""
	}
	end := strings.IndexAny(t, " \t\n\r/>")
	if end == 0 && t[0] == '/' {
		end = 1 + strings.IndexAny(t[1:], " \t\n\r>")
		if end == 0 {
			end = len(t)
		}
	}
	if end < 0 {
		end = len(t)
	}
	return strings.ToLower(t[:end])
}

// mark splits text into runs, marking every occurrence of a phrase a
// finding named. Longer phrases win where they overlap.
func mark(text string, marks map[string]string) []segment {
	if text == "" {
		return nil
	}
	if len(marks) == 0 {
		return []segment{{Text: text}}
	}
	phrases := make([]string, 0, len(marks))
	for p := range marks {
		phrases = append(phrases, p)
	}
	sort.Slice(phrases, func(i, j int) bool {
		if len(phrases[i]) != len(phrases[j]) {
			return len(phrases[i]) > len(phrases[j])
		}
		return phrases[i] < phrases[j]
	})
	type span struct {
		from, to int
		note     string
	}
	var spans []span
	taken := make([]bool, len(text))
	for _, p := range phrases {
		for from := 0; ; {
			i := strings.Index(text[from:], p)
			if i < 0 {
				break
			}
			start, end := from+i, from+i+len(p)
			if !slices.Contains(taken[start:end], true) {
				for k := start; k < end; k++ {
					taken[k] = true
				}
				spans = append(spans, span{start, end, marks[p]})
			}
			from = end
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].from < spans[j].from })
	var out []segment
	at := 0
	for _, sp := range spans {
		if sp.from > at {
			out = append(out, segment{Text: text[at:sp.from]})
		}
		out = append(out, segment{Text: text[sp.from:sp.to], Mark: true, Note: sp.note})
		at = sp.to
	}
	if at < len(text) {
		out = append(out, segment{Text: text[at:]})
	}
	return out
}

// pushAlert reads the title and body of a push payload (APNs first, then
// FCM).
func pushAlert(v *adapters.Variant) (title, body string) {
	var p struct {
		APNS struct {
			APS struct {
				Alert struct {
					Title string `json:"title"`
					Body  string `json:"body"`
				} `json:"alert"`
			} `json:"aps"`
		} `json:"apns"`
		FCM struct {
			Message struct {
				Notification struct {
					Title string `json:"title"`
					Body  string `json:"body"`
				} `json:"notification"`
			} `json:"message"`
		} `json:"fcm"`
	}
	if json.Unmarshal([]byte(v.Body), &p) == nil {
		title, body = p.APNS.APS.Alert.Title, p.APNS.APS.Alert.Body
		if title == "" && body == "" {
			title, body = p.FCM.Message.Notification.Title, p.FCM.Message.Notification.Body
		}
	}
	if title == "" {
		title, _ = v.Fields["title"].(string)
	}
	if body == "" {
		body, _ = v.Fields["body"].(string)
	}
	return title, body
}

type chatCardView struct {
	replies  []string
	imageAlt string
}

func chatCard(body string) chatCardView {
	var c struct {
		QuickReplies []struct {
			Label string `json:"label"`
		} `json:"quick_replies"`
		Image *struct {
			Alt string `json:"alt"`
		} `json:"image"`
	}
	var out chatCardView
	if json.Unmarshal([]byte(body), &c) != nil {
		return out
	}
	for _, q := range c.QuickReplies {
		out.replies = append(out.replies, q.Label)
	}
	if c.Image != nil {
		out.imageAlt = c.Image.Alt
	}
	return out
}

func prettyJSON(s string) string {
	var buf bytes.Buffer
	if json.Indent(&buf, []byte(s), "", "  ") != nil {
		return s
	}
	return buf.String()
}

// ---- assets ----

var assetTypes = map[string]string{
	".css": "text/css; charset=utf-8",
	".js":  "text/javascript; charset=utf-8",
	".svg": "image/svg+xml",
}

// handleAsset serves the embedded CSS and script.
func handleAsset(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	mt, ok := assetTypes[path.Ext(name)]
	if !ok || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no asset %q", clip(name)))
		return
	}
	b, err := fs.ReadFile(assetFS, "assets/"+name)
	if err != nil {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no asset %q", clip(name)))
		return
	}
	sum := sha256.Sum256(b)
	etag := quoteETag(hex.EncodeToString(sum[:8]))
	w.Header().Set("ETag", etag)
	w.Header().Set("Cache-Control", "public, max-age=300")
	if notModified(r, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	writeBytes(w, http.StatusOK, mt, b)
}
