package web

import (
	"net/url"
	"strings"

	"github.com/chorus-dev/chorus/content"
)

// SafeURL vets a URL taken from front matter before any channel emits it.
// It accepts absolute http and https URLs with a host, and relative
// references (a path, query or fragment without a scheme). Everything else
// is refused: other schemes (javascript:, vbscript:, data:, file:, ...),
// and any URL holding spaces, control characters or backslashes, which
// browsers strip or reinterpret in ways that can hide a scheme, or the
// quotes and angle brackets RFC 3986 never allows unencoded. The URL is
// returned trimmed but otherwise as written; the caller escapes it for its
// output format.
func SafeURL(u string) (string, bool) {
	u = strings.TrimSpace(u)
	if u == "" {
		return "", false
	}
	for i := 0; i < len(u); i++ {
		if c := u[i]; c <= ' ' || c == 0x7f || strings.IndexByte("\\\"<>`", c) >= 0 {
			return "", false
		}
	}
	p, err := url.Parse(u)
	if err != nil {
		return "", false
	}
	switch strings.ToLower(p.Scheme) {
	case "http", "https":
		if p.Host == "" || p.Opaque != "" {
			return "", false
		}
		return u, true
	case "":
		return u, true
	}
	return "", false
}

// AbsoluteURL vets u with SafeURL and resolves a relative reference against
// base. It reports false when the result is not an absolute http or https
// URL, for example a relative u with no usable base.
func AbsoluteURL(base, u string) (string, bool) {
	u, ok := SafeURL(u)
	if !ok {
		return "", false
	}
	ref, err := url.Parse(u)
	if err != nil {
		return "", false
	}
	if ref.IsAbs() {
		return u, true
	}
	b, ok := baseURL(base)
	if !ok {
		return "", false
	}
	bu, err := url.Parse(b + "/")
	if err != nil {
		return "", false
	}
	abs := bu.ResolveReference(ref).String()
	return SafeURL(abs)
}

// baseURL returns base without its trailing slashes when it is an absolute
// http or https URL.
func baseURL(base string) (string, bool) {
	b, ok := SafeURL(base)
	if !ok {
		return "", false
	}
	if p, err := url.Parse(b); err != nil || !p.IsAbs() {
		return "", false
	}
	return strings.TrimRight(b, "/"), true
}

// CanonicalURL is the address of an item's web page:
//
//	{base_url}/{locale}/{id}/
//
// The locale is the item's BCP 47 tag as written ("en-US"), or the
// workspace's default locale when the item has none; both segments are
// path-escaped. It returns "" when the configuration has no usable http or
// https base URL.
func CanonicalURL(cfg *content.Config, it *content.Item) string {
	if cfg == nil || it == nil {
		return ""
	}
	base, ok := baseURL(cfg.BaseURL)
	if !ok {
		return ""
	}
	loc := it.Locale
	if loc == "" {
		loc = cfg.DefaultLocale
	}
	if loc == "" {
		return base + "/" + url.PathEscape(it.ID) + "/"
	}
	return base + "/" + url.PathEscape(loc) + "/" + url.PathEscape(it.ID) + "/"
}

// Host returns the host name of the configuration's base URL, or "" when
// it has none.
func Host(cfg *content.Config) string {
	if cfg == nil {
		return ""
	}
	b, ok := baseURL(cfg.BaseURL)
	if !ok {
		return ""
	}
	p, err := url.Parse(b)
	if err != nil {
		return ""
	}
	return p.Hostname()
}
