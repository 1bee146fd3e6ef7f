package adapters

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// mediaTypes gives a variant without a media type one from its Ext. The
// table is fixed rather than mime.TypeByExtension, which reads the
// machine's own files and could make builds differ.
var mediaTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".txt":  "text/plain; charset=utf-8",
	".eml":  "message/rfc822",
	".ssml": "application/ssml+xml",
	".svg":  "image/svg+xml",
	".json": "application/json",
}

// Finish fills in the envelope fields every variant shares and computes
// Version. From the item it sets id, type, locale (the workspace default
// when the item has none), publish and expire (in UTC); it keeps
// v.Channel; it sets media_type from Ext when empty; nil fields and
// metrics become empty maps. Facts are the adapter's to set, restricted
// to what the variant states, and Finish leaves them as they are: a
// variant that states no fact has none. Version is then the first 16
// hex digits of the SHA-256 of the variant's canonical JSON with version
// empty, so equal variants get equal versions on every machine; it stays
// "" when the variant cannot be encoded (a field holding a func or a
// channel). Finish returns v, and a nil v gives nil.
func Finish(in *Input, v *Variant) *Variant {
	if v == nil {
		return nil
	}
	if in != nil && in.Item != nil {
		it := in.Item
		v.ID, v.Type, v.Locale = it.ID, it.Type, it.Locale
		if v.Locale == "" && in.Config != nil {
			v.Locale = in.Config.DefaultLocale
		}
		v.Publish, v.Expire = utc(it.Publish), utc(it.Expire)
	}
	if v.MediaType == "" {
		v.MediaType = mediaTypes[v.Ext]
	}
	if v.Metrics == nil {
		v.Metrics = map[string]any{}
	}
	if v.Fields == nil {
		v.Fields = map[string]any{}
	}
	v.Version = ""
	if b, err := canonicalJSON(v); err == nil {
		sum := sha256.Sum256(b)
		v.Version = hex.EncodeToString(sum[:8])
	}
	return v
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// MarshalVariant returns the variant's envelope as `chorus build` writes
// it: JSON indented by two spaces, map keys sorted, HTML left unescaped,
// and a trailing newline. The same variant always gives the same bytes.
func MarshalVariant(v *Variant) ([]byte, error) {
	if v == nil {
		return []byte("null\n"), nil
	}
	return encodeVariant(v, "  ")
}

// canonicalJSON is the compact encoding Version hashes, with version "".
func canonicalJSON(v *Variant) ([]byte, error) {
	c := *v
	c.Version = ""
	return encodeVariant(&c, "")
}

func encodeVariant(v *Variant, indent string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
