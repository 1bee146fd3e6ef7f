package styleguide

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/chorus-dev/chorus/content"
)

// linkRule keeps links on the brand's domains and on https. Relative links
// and links without a host (mailto:, tel:) pass.
type linkRule struct {
	domain, https ruleHead
	domains       []string // lowercase; subdomains allowed
	requireHTTPS  bool
}

func decodeLinks(b *builder, n *node, path string) {
	d := &b.c.d
	if !d.mapping(n, path, "allowed_domains", "https", "severity", "only") {
		return
	}
	h := b.head(n, path, "", content.Error)
	r := &linkRule{domain: h, https: h}
	r.domain.id, r.https.id = "links.domain", "links.https"
	if v := n.get("allowed_domains"); v != nil {
		for _, dn := range d.strList(v, path+".allowed_domains") {
			dom := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(dn.y.Value)), ".")
			if dom == "" || strings.ContainsAny(dom, "/:@ ") {
				d.errorf(dn, path+".allowed_domains", "%q is not a domain name (write acme.example, without scheme or path)", dn.y.Value)
				continue
			}
			r.domains = append(r.domains, dom)
		}
	}
	if v := n.get("https"); v != nil {
		r.requireHTTPS, _ = d.boolean(v, path+".https")
	}
	if len(r.domains) > 0 || r.requireHTTPS {
		b.rs.checks = append(b.rs.checks, r)
	}
}

func (x *linkRule) check(r *run) {
	if !r.source {
		return
	}
	doDomain := len(x.domains) > 0 && r.applies(&x.domain, nil)
	doHTTPS := x.requireHTTPS && r.applies(&x.https, nil)
	if !doDomain && !doHTTPS {
		return
	}
	for _, l := range r.it.Links {
		scheme, host, ok := schemeHost(strings.TrimSpace(l.URL))
		if !ok {
			continue
		}
		if scheme != "" && scheme != "http" && scheme != "https" {
			continue
		}
		host = strings.TrimSuffix(strings.ToLower(host), ".")
		if doDomain && host != "" && !x.allowed(host) {
			r.reportAt(&x.domain, l.Pos, fmt.Sprintf("link to %s is outside the allowed domains (%s)", host, strings.Join(x.domains, ", ")), nil)
		}
		if doHTTPS && scheme == "http" {
			r.reportAt(&x.https, l.Pos, fmt.Sprintf("link %q is not https", l.URL), httpsFix(r.it, l))
		}
	}
}

// schemeHost returns the lowercase scheme and the host name of a URL as
// url.Parse reads them, or false when it cannot parse it. Plain http and
// https links to a host name are read without it, which allocates.
func schemeHost(raw string) (scheme, host string, ok bool) {
	if scheme, host, ok := plainHTTP(raw); ok {
		return scheme, host, true
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", "", false
	}
	return strings.ToLower(u.Scheme), u.Hostname(), true
}

// plainHTTP reads "http://host" or "https://host" followed by nothing or a
// path, query or fragment, where host holds only ASCII letters, digits, dots
// and hyphens and the rest only printable ASCII without '%', or such a path
// alone ("/img/a.jpg"): links url.Parse always accepts and whose host it
// gives as written.
func plainHTTP(raw string) (scheme, host string, ok bool) {
	if strings.HasPrefix(raw, "/") && !strings.HasPrefix(raw, "//") {
		// A path on the same site ("/img/boots.jpg"): no scheme, no host.
		if !plainRest(raw) {
			return "", "", false
		}
		return "", "", true
	}
	rest, ok := strings.CutPrefix(raw, "https://")
	scheme = "https"
	if !ok {
		if rest, ok = strings.CutPrefix(raw, "http://"); !ok {
			return "", "", false
		}
		scheme = "http"
	}
	end := 0
	for end < len(rest) && rest[end] != '/' && rest[end] != '?' && rest[end] != '#' {
		if c := rest[end]; !isASCIIAlnum(c) && c != '.' && c != '-' {
			return "", "", false
		}
		end++
	}
	if end == 0 {
		return "", "", false
	}
	if !plainRest(rest[end:]) {
		return "", "", false
	}
	return scheme, rest[:end], true
}

// plainRest reports whether s holds only printable ASCII other than '%'.
func plainRest(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == '%' {
			return false
		}
	}
	return true
}

func (x *linkRule) allowed(host string) bool {
	for _, d := range x.domains {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

// httpsFix turns http: into https: when the link's position holds the
// URL as written.
func httpsFix(it *content.Item, l content.Link) *content.Fix {
	if it.Src == nil || l.Pos.Offset < 0 || l.Pos.Offset+5 > len(it.Src.Data) {
		return nil
	}
	if !strings.EqualFold(string(it.Src.Data[l.Pos.Offset:l.Pos.Offset+5]), "http:") {
		return nil
	}
	return &content.Fix{Offset: l.Pos.Offset, End: l.Pos.Offset + 5, Replace: "https:"}
}
