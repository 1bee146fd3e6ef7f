package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/content"
)

// routes is the one table of endpoints.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.handleHealth)
	mux.HandleFunc("GET /readyz", s.handleReady)
	mux.Handle("GET /metrics", s.metrics.handler())

	api := func(h http.HandlerFunc) http.Handler { return s.ready(s.auth(h)) }
	mux.Handle("GET /v1/channels", api(s.handleChannels))
	mux.Handle("GET /v1/channels/{channel}/variants", api(s.handleVariants))
	mux.Handle("GET /v1/channels/{channel}/variants/{id}", api(s.handleVariant))
	mux.Handle("GET /v1/channels/{channel}/variants/{id}/raw", api(s.handleRaw))
	mux.Handle("GET /v1/items/{id}", api(s.handleItem))
	mux.Handle("GET /v1/status", api(s.handleStatus))
	mux.Handle("GET /v1/events", api(s.handleEvents))
	mux.Handle("GET /feeds/{channel}/{file}", api(s.handleFeed))

	s.previewRoutes(mux)
	return s.observe(gzipResponses(jsonErrors(mux)))
}

// ---- errors and JSON ----

// apiError is the body of every error answer.
type apiError struct {
	Error  string   `json:"error"`
	Status int      `json:"status"`
	Known  []string `json:"known,omitempty"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeErrorKnown(w, status, msg, nil)
}

// writeErrorKnown answers an error, listing the known names when the
// request named an unknown one.
func writeErrorKnown(w http.ResponseWriter, status int, msg string, known []string) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // "Bearer <token>" reads as written
	_ = enc.Encode(apiError{Error: msg, Status: status, Known: known})
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	h.Del("ETag")
	h.Del("Content-Language")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// writeJSON answers v as compact JSON with HTML left unescaped.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		writeError(w, http.StatusInternalServerError, "encoding the answer failed")
		return
	}
	writeBytes(w, status, "application/json; charset=utf-8", buf.Bytes())
}

func writeBytes(w http.ResponseWriter, status int, mediaType string, b []byte) {
	h := w.Header()
	h.Set("Content-Type", mediaType)
	h.Set("X-Content-Type-Options", "nosniff")
	if h.Get("Content-Encoding") == "" {
		h.Set("Content-Length", strconv.Itoa(len(b)))
	}
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// clip shortens what a client sent before it goes into a message.
func clip(s string) string {
	const max = 80
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && s[i]&0xC0 == 0x80 {
		i--
	}
	return s[:i] + "…"
}

// ---- caching ----

// quoteETag makes a strong entity tag of a version.
func quoteETag(v string) string { return `"` + v + `"` }

// notModified reports whether the request's If-None-Match matches etag;
// weak and strong forms compare alike, as RFC 9110 asks for GET.
func notModified(r *http.Request, etag string) bool {
	inm := r.Header.Get("If-None-Match")
	if inm == "" {
		return false
	}
	want := strings.TrimPrefix(etag, "W/")
	for _, t := range strings.Split(inm, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == want {
			return true
		}
	}
	return false
}

// cacheHeaders sets the caching headers of a variant or feed answer and
// answers 304 when the client already has it.
func (s *Server) cacheHeaders(w http.ResponseWriter, r *http.Request, etag string) (done bool) {
	h := w.Header()
	h.Set("ETag", etag)
	if s.authOn() {
		h.Set("Cache-Control", "private, max-age=60, stale-while-revalidate=300")
	} else {
		h.Set("Cache-Control", "public, max-age=60, stale-while-revalidate=300")
	}
	if notModified(r, etag) {
		w.WriteHeader(http.StatusNotModified)
		return true
	}
	return false
}

// bodyCache keeps the encoded envelopes of one snapshot's variants; a
// variant never changes, so its bytes never go stale.
type bodyCache struct {
	m sync.Map // *adapters.Variant → *encoded
	n atomic.Int64
}

type encoded struct {
	once              sync.Once
	indented, compact []byte
	err               error
}

// maxCachedBodies bounds the cache; beyond it envelopes are encoded per
// request.
const maxCachedBodies = 20000

func newBodyCache() *bodyCache { return &bodyCache{} }

func (c *bodyCache) get(v *adapters.Variant) *encoded {
	if e, ok := c.m.Load(v); ok {
		return e.(*encoded)
	}
	e := &encoded{}
	if c.n.Load() < maxCachedBodies {
		if old, loaded := c.m.LoadOrStore(v, e); loaded {
			e = old.(*encoded)
		} else {
			c.n.Add(1)
		}
	}
	e.once.Do(func() {
		e.indented, e.err = adapters.MarshalVariant(v)
		if e.err == nil {
			var buf bytes.Buffer
			if e.err = json.Compact(&buf, e.indented); e.err == nil {
				e.compact = buf.Bytes()
			}
		}
	})
	return e
}

// ---- readiness and auth ----

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	st := s.state.Load()
	if st == nil {
		writeError(w, http.StatusServiceUnavailable, "the workspace is still loading")
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready", "version": st.snap.Version})
}

// ready answers 503 until the first snapshot is loaded.
func (s *Server) ready(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.state.Load() == nil {
			w.Header().Set("Retry-After", "1")
			writeError(w, http.StatusServiceUnavailable, "the workspace is still loading")
			return
		}
		next.ServeHTTP(w, r)
	})
}

type ctxKey int

const allowedKey ctxKey = 0

// allowedChannels returns the channel check of the request's token, or
// nil when every channel may be read.
func allowedChannels(ctx context.Context) func(string) bool {
	f, _ := ctx.Value(allowedKey).(func(string) bool)
	return f
}

func mayRead(ctx context.Context, channel string) bool {
	f := allowedChannels(ctx)
	return f == nil || f(channel)
}

// tokens returns the read tokens of the live snapshot's configuration.
func (s *Server) tokens() []content.TokenConfig {
	st := s.state.Load()
	if st == nil || st.snap.Config == nil {
		return nil
	}
	return st.snap.Config.Server.Tokens
}

func (s *Server) authOn() bool { return len(s.tokens()) > 0 }

// tokenGate wraps next in a token check. While chorus.yaml has errors
// and declares tokens it answers 503, so that a broken file never opens
// a guarded server (closed says what stays closed); with no tokens it
// lets every request through; otherwise check decides, given the tokens.
func (s *Server) tokenGate(closed string, next http.Handler, check func(w http.ResponseWriter, r *http.Request, toks []content.TokenConfig)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if st := s.state.Load(); st != nil && st.authBroken {
			writeError(w, http.StatusServiceUnavailable, "chorus.yaml has errors and declares tokens: "+closed+" until it is fixed")
			return
		}
		toks := s.tokens()
		if len(toks) == 0 {
			next.ServeHTTP(w, r)
			return
		}
		check(w, r, toks)
	})
}

// auth requires a bearer token when chorus.yaml configures any. The
// presented secret is hashed and compared in constant time with every
// token, without stopping at the first match.
func (s *Server) auth(next http.Handler) http.Handler {
	return s.tokenGate("this endpoint stays closed", next, func(w http.ResponseWriter, r *http.Request, toks []content.TokenConfig) {
		secret, ok := bearerToken(r)
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="chorus"`)
			writeError(w, http.StatusUnauthorized, "this endpoint needs an Authorization: Bearer <token> header")
			return
		}
		match := matchToken(toks, secret)
		if match < 0 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="chorus", error="invalid_token"`)
			writeError(w, http.StatusUnauthorized, "the bearer token is not valid")
			return
		}
		if chs := toks[match].Channels; len(chs) > 0 {
			allowed := func(ch string) bool { return slices.Contains(chs, ch) }
			r = r.WithContext(context.WithValue(r.Context(), allowedKey, allowed))
		}
		next.ServeHTTP(w, r)
	})
}

// bearerToken is the secret of the request's Authorization: Bearer
// header.
func bearerToken(r *http.Request) (string, bool) {
	const scheme = "bearer "
	h := r.Header.Get("Authorization")
	if len(h) <= len(scheme) || !strings.EqualFold(h[:len(scheme)], scheme) {
		return "", false
	}
	return strings.TrimSpace(h[len(scheme):]), true
}

// matchToken returns the index of the token whose hash is secret's, or
// -1. Every token is compared in constant time, without stopping at the
// first match.
func matchToken(toks []content.TokenConfig, secret string) int {
	sum := sha256.Sum256([]byte(secret))
	match := -1
	for i, t := range toks {
		want, err := hex.DecodeString(t.SHA256)
		if err != nil || len(want) != sha256.Size {
			want = make([]byte, sha256.Size)
		}
		if subtle.ConstantTimeCompare(sum[:], want) == 1 && match < 0 && err == nil {
			match = i
		}
	}
	return match
}

// ---- request parameters ----

// snapFor returns the state a request is answered from.
func (s *Server) snapFor() (*state, *Snapshot) {
	st := s.state.Load()
	return st, st.snap
}

func defaultLocale(snap *Snapshot) string {
	if snap.Config != nil && snap.Config.DefaultLocale != "" {
		return snap.Config.DefaultLocale
	}
	if ls := snap.Locales(); len(ls) > 0 {
		return ls[0]
	}
	return "en-US"
}

// localeParam reads ?locale=, canonicalised; the default locale when
// absent. A malformed locale answers 400.
func localeParam(w http.ResponseWriter, r *http.Request, snap *Snapshot) (string, bool) {
	q, ok := query(w, r)
	if !ok {
		return "", false
	}
	raw := q.Get("locale")
	if raw == "" {
		return defaultLocale(snap), true
	}
	return canonicalLocale(w, raw)
}

func canonicalLocale(w http.ResponseWriter, raw string) (string, bool) {
	c, ok := content.CanonicalLocale(raw)
	if !ok {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("locale %q is not a BCP 47 locale like en-US or zh-CN", clip(raw)))
		return "", false
	}
	return c, true
}

// query parses the query string; a malformed one answers 400.
func query(w http.ResponseWriter, r *http.Request) (url.Values, bool) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, http.StatusBadRequest, "the query string is malformed: "+clip(err.Error()))
		return nil, false
	}
	return q, true
}

// channelParam checks {channel}: known to the snapshot (404 with the
// list) and readable with the request's token (403).
func channelParam(w http.ResponseWriter, r *http.Request, snap *Snapshot) (string, bool) {
	ch := r.PathValue("channel")
	if snap.Adapter(ch) == nil {
		known := visibleChannels(r.Context(), snap)
		writeErrorKnown(w, http.StatusNotFound, fmt.Sprintf("unknown channel %q (known: %s)", clip(ch), strings.Join(known, ", ")), known)
		return "", false
	}
	if !mayRead(r.Context(), ch) {
		writeError(w, http.StatusForbidden, fmt.Sprintf("this token may not read the %s channel", ch))
		return "", false
	}
	return ch, true
}

// visibleChannels lists the snapshot's channels the request may read,
// sorted.
func visibleChannels(ctx context.Context, snap *Snapshot) []string {
	out := []string{}
	for _, ch := range snap.Channels {
		if mayRead(ctx, ch) {
			out = append(out, ch)
		}
	}
	slices.Sort(out)
	return out
}

func idParam(w http.ResponseWriter, r *http.Request) (string, bool) {
	id := r.PathValue("id")
	if !content.IsSlug(id) {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("%q is not an item id (lowercase letters, digits and single hyphens)", clip(id)))
		return "", false
	}
	return id, true
}

// published reports whether v's publishing window is open at t.
func published(v *adapters.Variant, t time.Time) bool {
	return (v.Publish == nil || !t.Before(*v.Publish)) && (v.Expire == nil || t.Before(*v.Expire))
}

// ---- handlers ----

// channelInfo is one channel in GET /v1/channels.
type channelInfo struct {
	ID          string           `json:"id"`
	Description string           `json:"description,omitempty"`
	Limits      []adapters.Limit `json:"limits"`
}

func (s *Server) handleChannels(w http.ResponseWriter, r *http.Request) {
	_, snap := s.snapFor()
	out := struct {
		Channels []channelInfo `json:"channels"`
	}{Channels: []channelInfo{}}
	for _, ch := range snap.Channels {
		if !mayRead(r.Context(), ch) {
			continue
		}
		a := snap.Adapter(ch)
		ci := channelInfo{ID: ch, Limits: a.Limits()}
		if ci.Limits == nil {
			ci.Limits = []adapters.Limit{}
		}
		if d, ok := a.(adapters.Describer); ok {
			ci.Description = d.Describe()
		}
		out.Channels = append(out.Channels, ci)
	}
	w.Header().Set("Cache-Control", "no-cache")
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleVariants(w http.ResponseWriter, r *http.Request) {
	st, snap := s.snapFor()
	ch, ok := channelParam(w, r, snap)
	if !ok {
		return
	}
	loc, ok := localeParam(w, r, snap)
	if !ok {
		return
	}
	q, _ := query(w, r) // checked by localeParam
	f := Filter{Type: q.Get("type"), Tag: q.Get("tag")}
	if f.Type != "" && !slices.Contains(content.Types, f.Type) {
		known := slices.Sorted(slices.Values(content.Types))
		writeErrorKnown(w, http.StatusBadRequest, fmt.Sprintf("unknown type %q (known: %s)", clip(f.Type), strings.Join(known, ", ")), known)
		return
	}
	page, ok := pageParams(w, q)
	if !ok {
		return
	}
	all := snap.Variants(ch, loc, s.now(), f)
	vs, next := page.of(all)
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%d\x00%s\n", ch, loc, f.Type, f.Tag, page.limit, page.cursor)
	for _, v := range vs {
		h.Write([]byte(v.Version))
	}
	etag := quoteETag("l-" + hex.EncodeToString(h.Sum(nil)[:8]))
	w.Header().Set("Content-Language", servedLocales(vs, loc))
	if next != "" {
		u := *r.URL
		nq := u.Query()
		nq.Set("cursor", next)
		u.RawQuery = nq.Encode()
		w.Header().Set("Link", "<"+u.RequestURI()+`>; rel="next"`)
	}
	if s.cacheHeaders(w, r, etag) {
		return
	}
	var buf bytes.Buffer
	head, _ := json.Marshal(struct {
		Channel string `json:"channel"`
		Locale  string `json:"locale"`
		Count   int    `json:"count"`
		Next    string `json:"next,omitempty"`
	}{ch, loc, len(all), next})
	buf.Write(head[:len(head)-1])
	buf.WriteString(`,"variants":[`)
	for i, v := range vs {
		e := st.bodies.get(v)
		if e.err != nil {
			writeError(w, http.StatusInternalServerError, "encoding a variant failed")
			return
		}
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.Write(e.compact)
	}
	buf.WriteString("]}\n")
	writeBytes(w, http.StatusOK, "application/json; charset=utf-8", buf.Bytes())
}

// servedLocales is the Content-Language of a list: the locales its
// variants are in, the asked-for one first, or the asked-for one when the
// list is empty.
func servedLocales(vs []*adapters.Variant, asked string) string {
	var ls []string
	for _, v := range vs {
		if !slices.Contains(ls, v.Locale) {
			ls = append(ls, v.Locale)
		}
	}
	if len(ls) == 0 {
		return asked
	}
	slices.SortStableFunc(ls, func(a, b string) int {
		switch {
		case a == asked:
			return -1
		case b == asked:
			return 1
		}
		return strings.Compare(a, b)
	})
	return strings.Join(ls, ", ")
}

// Page sizes of the variant lists.
const (
	defaultPageSize = 100
	maxPageSize     = 1000
)

// pageRequest is a list request's limit and cursor. The cursor names the last
// variant of the previous page by its place in the list's order (publish
// time, newest first, then id), not by a count: a page boundary stays put
// when items before it are published or withdrawn between requests.
type pageRequest struct {
	limit  int
	cursor string
	after  *listKey // decoded cursor; nil for the first page
}

// listKey is a variant's place in a list: its publish time (nil when it
// has none; those come last) and its id.
type listKey struct {
	publish *time.Time
	id      string
}

func keyOf(v *adapters.Variant) listKey { return listKey{publish: v.Publish, id: v.ID} }

// before reports whether a comes before b in a list.
func (a listKey) before(b listKey) bool {
	switch {
	case a.publish != nil && b.publish != nil && !a.publish.Equal(*b.publish):
		return a.publish.After(*b.publish)
	case (a.publish == nil) != (b.publish == nil):
		return a.publish != nil
	}
	return a.id < b.id
}

func (k listKey) encode() string {
	p := ""
	if k.publish != nil {
		p = strconv.FormatInt(k.publish.UnixNano(), 10)
	}
	return base64.RawURLEncoding.EncodeToString([]byte(p + "\x00" + k.id))
}

func decodeKey(s string) (*listKey, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, false
	}
	p, id, ok := strings.Cut(string(b), "\x00")
	if !ok || id == "" {
		return nil, false
	}
	k := &listKey{id: id}
	if p != "" {
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil {
			return nil, false
		}
		t := time.Unix(0, n).UTC()
		k.publish = &t
	}
	return k, true
}

// pageParams reads ?limit= (1 to maxPageSize, default defaultPageSize)
// and ?cursor= (the next value of the previous page), or answers 400.
func pageParams(w http.ResponseWriter, q url.Values) (pageRequest, bool) {
	p := pageRequest{limit: defaultPageSize, cursor: q.Get("cursor")}
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > maxPageSize {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("limit must be a whole number from 1 to %d, not %q", maxPageSize, clip(l)))
			return p, false
		}
		p.limit = n
	}
	if p.cursor != "" {
		k, ok := decodeKey(p.cursor)
		if !ok {
			writeError(w, http.StatusBadRequest, "the cursor is not one this server gave out")
			return p, false
		}
		p.after = k
	}
	return p, true
}

// of returns the page of list (in list order) and the cursor of the next
// page, "" when this is the last.
func (p pageRequest) of(list []*adapters.Variant) ([]*adapters.Variant, string) {
	start := 0
	if p.after != nil {
		start = sort.Search(len(list), func(i int) bool { return p.after.before(keyOf(list[i])) })
	}
	end := min(start+p.limit, len(list))
	out := list[start:end]
	if end < len(list) && len(out) > 0 {
		return out, keyOf(out[len(out)-1]).encode()
	}
	return out, ""
}

// variant resolves {channel}/{id}?locale= to a variant published now, or
// answers the error.
func (s *Server) variant(w http.ResponseWriter, r *http.Request) (*state, *adapters.Variant, string, bool) {
	st, snap := s.snapFor()
	ch, ok := channelParam(w, r, snap)
	if !ok {
		return nil, nil, "", false
	}
	id, ok := idParam(w, r)
	if !ok {
		return nil, nil, "", false
	}
	loc, ok := localeParam(w, r, snap)
	if !ok {
		return nil, nil, "", false
	}
	v, served, found := snap.Resolve(ch, id, loc)
	if !found {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no %s variant of item %q for locale %s", ch, id, loc))
		return nil, nil, "", false
	}
	if !published(v, s.now()) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("item %q is not published on %s now", id, ch))
		return nil, nil, "", false
	}
	w.Header().Set("Content-Language", served)
	return st, v, served, true
}

func (s *Server) handleVariant(w http.ResponseWriter, r *http.Request) {
	st, v, _, ok := s.variant(w, r)
	if !ok || s.cacheHeaders(w, r, quoteETag(v.Version)) {
		return
	}
	e := st.bodies.get(v)
	if e.err != nil {
		writeError(w, http.StatusInternalServerError, "encoding the variant failed")
		return
	}
	writeBytes(w, http.StatusOK, "application/json; charset=utf-8", e.indented)
}

func (s *Server) handleRaw(w http.ResponseWriter, r *http.Request) {
	_, v, _, ok := s.variant(w, r)
	if !ok || s.cacheHeaders(w, r, quoteETag(v.Version)) {
		return
	}
	mt := v.MediaType
	if mt == "" {
		mt = "application/octet-stream"
	}
	// Variant markup is content, never part of this site: no scripts,
	// no same-origin rights if a browser opens it directly.
	w.Header().Set("Content-Security-Policy", "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'")
	writeBytes(w, http.StatusOK, mt, []byte(v.Body))
}

// itemAnswer is GET /v1/items/{id}.
type itemAnswer struct {
	ID           string                       `json:"id"`
	Locale       string                       `json:"locale"`
	File         string                       `json:"file"`
	State        string                       `json:"state"` // scheduled, live or expired, now
	Translations []string                     `json:"translations"`
	Fields       map[string]any               `json:"fields"`
	Variants     map[string]*adapters.Variant `json:"variants"`
	Findings     []findingOut                 `json:"findings"`
	// Pending lists the errors of the file's newest version when the
	// server kept the last good one instead.
	Pending []findingOut `json:"pending,omitempty"`
}

// findingOut is a finding with its place in the file:line:col form.
type findingOut struct {
	Where string `json:"where"`
	content.Finding
}

// MarshalJSON puts where beside the finding's contract fields.
func (f findingOut) MarshalJSON() ([]byte, error) {
	b, err := f.Finding.MarshalJSON()
	if err != nil {
		return nil, err
	}
	w, _ := json.Marshal(f.Where)
	out := make([]byte, 0, len(b)+len(w)+10)
	out = append(out, `{"where":`...)
	out = append(out, w...)
	out = append(out, ',')
	return append(out, b[1:]...), nil
}

func findingsOut(fs []content.Finding, allowed func(string) bool) []findingOut {
	out := make([]findingOut, 0, len(fs))
	for _, f := range fs {
		if f.Channel != "" && allowed != nil && !allowed(f.Channel) {
			continue
		}
		out = append(out, findingOut{Where: f.Pos.String(), Finding: f})
	}
	return out
}

// publishState names an item's publishing window at t.
func publishState(it *content.Item, t time.Time) string {
	switch {
	case it.Publish != nil && t.Before(*it.Publish):
		return "scheduled"
	case it.Expire != nil && !t.Before(*it.Expire):
		return "expired"
	}
	return "live"
}

// resolveItem finds item id for locale along the locale chain.
func resolveItem(snap *Snapshot, id, loc string) *Entry {
	for _, l := range snap.chain(loc) {
		if e := snap.Entry(id, l); e != nil {
			return e
		}
	}
	return nil
}

// itemParams reads {id} and ?locale= and resolves the item along the
// locale chain; e is nil when no locale on it has the item. ok is false
// when a parameter was bad and the error is answered.
func itemParams(w http.ResponseWriter, r *http.Request, snap *Snapshot) (id, loc string, e *Entry, ok bool) {
	if id, ok = idParam(w, r); !ok {
		return "", "", nil, false
	}
	if loc, ok = localeParam(w, r, snap); !ok {
		return "", "", nil, false
	}
	return id, loc, resolveItem(snap, id, loc), true
}

func (s *Server) handleItem(w http.ResponseWriter, r *http.Request) {
	st, snap := s.snapFor()
	id, loc, e, ok := itemParams(w, r, snap)
	if !ok {
		return
	}
	if e == nil {
		if tr := snap.Translations(id); len(tr) > 0 {
			var have []string
			for _, t := range tr {
				have = append(have, t.Item.Locale)
			}
			writeErrorKnown(w, http.StatusNotFound, fmt.Sprintf("item %q has no translation for %s (has: %s)", id, loc, strings.Join(have, ", ")), have)
			return
		}
		writeError(w, http.StatusNotFound, fmt.Sprintf("no item %q", id))
		return
	}
	allowed := allowedChannels(r.Context())
	ans := itemAnswer{
		ID: e.Item.ID, Locale: e.Item.Locale, File: e.Item.File,
		State:        publishState(e.Item, s.now()),
		Translations: []string{},
		Fields:       frontMatter(e.Item),
		Variants:     map[string]*adapters.Variant{},
		Findings:     findingsOut(e.Findings, allowed),
	}
	for _, t := range snap.Translations(id) {
		ans.Translations = append(ans.Translations, t.Item.Locale)
	}
	for ch, v := range e.Variants {
		if allowed == nil || allowed(ch) {
			ans.Variants[ch] = v
		}
	}
	if p := st.pending[e.Item.File]; len(p) > 0 {
		ans.Pending = findingsOut(p, allowed)
	}
	w.Header().Set("Content-Language", e.Item.Locale)
	w.Header().Set("Cache-Control", "no-cache")
	writeJSON(w, http.StatusOK, ans)
}

// frontMatter returns the item's front-matter fields under their YAML
// names, as JSON values; absent fields are left out.
func frontMatter(it *content.Item) map[string]any {
	out := map[string]any{}
	b, err := yaml.Marshal(it)
	if err != nil {
		return out
	}
	var m map[string]any
	if yaml.Unmarshal(b, &m) != nil {
		return out
	}
	for k, v := range m {
		switch x := v.(type) {
		case nil:
			continue
		case []any:
			if len(x) == 0 {
				continue
			}
		case map[string]any:
			if len(x) == 0 {
				continue
			}
		}
		out[k] = jsonable(v)
	}
	return out
}

// jsonable turns YAML-decoded maps with any keys into JSON objects.
func jsonable(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if e == nil {
				delete(x, k)
				continue
			}
			x[k] = jsonable(e)
		}
		return x
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			if e != nil {
				m[fmt.Sprint(k)] = jsonable(e)
			}
		}
		return m
	case []any:
		for i := range x {
			x[i] = jsonable(x[i])
		}
		return x
	}
	return v
}

// statusAnswer is GET /v1/status.
type statusAnswer struct {
	Version    string          `json:"version"`
	BuiltAt    time.Time       `json:"built_at"`
	Commit     string          `json:"commit,omitempty"`
	Counts     statusCounts    `json:"counts"`
	Reload     reloadStatus    `json:"reload"`
	NextChange *time.Time      `json:"next_change"`
	Webhooks   []WebhookStatus `json:"webhooks"`
}

type statusCounts struct {
	Items    int            `json:"items"`
	Variants int            `json:"variants"`
	Findings map[string]int `json:"findings"`
}

type reloadStatus struct {
	Count      int64        `json:"count"`
	At         time.Time    `json:"at"`
	DurationMS float64      `json:"duration_ms"`
	Error      *reloadError `json:"error"`
}

type reloadError struct {
	At       time.Time    `json:"at"`
	Message  string       `json:"message"`
	Findings []findingOut `json:"findings"`
}

func (s *Server) handleStatus(w http.ResponseWriter, r *http.Request) {
	st, snap := s.snapFor()
	e, wn, sg := snap.Count()
	ans := statusAnswer{
		Version: snap.Version,
		BuiltAt: snap.BuiltAt,
		Commit:  st.commit,
		Counts: statusCounts{
			Items: snap.Stats.Items, Variants: snap.Stats.Variants,
			Findings: map[string]int{"error": e, "warning": wn, "suggestion": sg},
		},
		Reload: reloadStatus{
			Count: s.reloads.Load(), At: st.loadedAt,
			DurationMS: float64(st.duration.Microseconds()) / 1000,
		},
	}
	// A token limited to some channels sees the state of the server, not
	// the webhook receivers or the files' problems, which span channels.
	whole := allowedChannels(r.Context()) == nil
	ans.Webhooks = []WebhookStatus{}
	if whole {
		ans.Webhooks = s.hooks.status()
	}
	if re := st.reloadErr; re != nil {
		ans.Reload.Error = &reloadError{At: re.At, Message: re.Message, Findings: []findingOut{}}
		if whole {
			ans.Reload.Error.Findings = findingsOut(re.Findings, nil)
		}
	}
	if t, ok := snap.NextChange(s.now()); ok {
		ans.NextChange = &t
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, ans)
}

func (s *Server) handleFeed(w http.ResponseWriter, r *http.Request) {
	_, snap := s.snapFor()
	file := r.PathValue("file")
	dot := strings.LastIndexByte(file, '.')
	if dot <= 0 {
		known := FeedFormats()
		writeErrorKnown(w, http.StatusNotFound, fmt.Sprintf("%q is not a feed file like en-US.rss (formats: %s)", clip(file), strings.Join(known, ", ")), known)
		return
	}
	loc, ok := canonicalLocale(w, file[:dot])
	if !ok {
		return
	}
	ch := r.PathValue("channel")
	if snap.Adapter(ch) != nil && !mayRead(r.Context(), ch) {
		writeError(w, http.StatusForbidden, fmt.Sprintf("this token may not read the %s channel", ch))
		return
	}
	if served := snap.Locales(); snap.Adapter(ch) != nil && !slices.Contains(served, loc) {
		// Like the variants, a locale without feeds of its own is
		// served along its chain: send the client to that feed.
		for _, l := range snap.chain(loc) {
			if slices.Contains(served, l) {
				u := "/feeds/" + url.PathEscape(ch) + "/" + url.PathEscape(l) + file[dot:]
				http.Redirect(w, r, u, http.StatusTemporaryRedirect)
				return
			}
		}
	}
	b, mt, err := Feed(snap, ch, loc, file[dot+1:], s.now())
	switch {
	case errors.Is(err, ErrUnknown):
		writeError(w, http.StatusNotFound, err.Error())
		return
	case err != nil:
		writeError(w, http.StatusInternalServerError, "writing the feed failed")
		s.log.Error("feed", "channel", ch, "locale", loc, "error", err.Error())
		return
	}
	sum := sha256.Sum256(b)
	w.Header().Set("Content-Language", loc)
	if s.cacheHeaders(w, r, quoteETag("f-"+hex.EncodeToString(sum[:8]))) {
		return
	}
	writeBytes(w, http.StatusOK, mt, b)
}
