package content

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"
	"golang.org/x/text/language"
)

// validate is the one validator, with Chorus's custom tags registered
// once; it caches struct metadata across every item it checks.
var validate = newValidator()

func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			return ""
		}
		return name
	})
	register := func(tag string, fn func(string) bool) {
		// RegisterValidation fails only for an empty tag or a nil func.
		_ = v.RegisterValidation(tag, func(fl validator.FieldLevel) bool {
			f := fl.Field()
			return f.Kind() == reflect.String && fn(f.String())
		})
	}
	register("slug", IsSlug)
	register("locale", func(s string) bool { c, ok := CanonicalLocale(s); return ok && c == s })
	register("decimal", IsDecimal)
	register("promocode", IsPromoCode)
	return v
}

// IsSlug reports whether s is lowercase a-z and 0-9 words joined by single
// hyphens, like "spring-sale-2025".
func IsSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-':
			if s[i-1] == '-' {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// CanonicalLocale parses s as a BCP 47 language tag and returns its
// canonical spelling ("en-us" → "en-US"). ok is false when s is not a
// well-formed, known tag.
func CanonicalLocale(s string) (string, bool) {
	if s == "" || len(s) > 64 {
		return "", false
	}
	t, err := language.Parse(s)
	if err != nil {
		return "", false
	}
	c := t.String()
	if c == "und" {
		return "", false
	}
	return c, true
}

// maxFraction is how many digits a decimal amount may have after the
// point.
const maxFraction = 4

// IsDecimal reports whether s is a positive decimal amount: digits, an
// optional point and at most four fraction digits, not zero.
func IsDecimal(s string) bool {
	whole, frac, hasPoint := strings.Cut(s, ".")
	if whole == "" || len(whole) > 15 || (hasPoint && (frac == "" || len(frac) > maxFraction)) {
		return false
	}
	nonzero := false
	for _, part := range []string{whole, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return false
			}
			if part[i] != '0' {
				nonzero = true
			}
		}
	}
	return nonzero
}

// CompareDecimal compares two decimal amounts exactly, without floats:
// -1 when a < b, 0 when equal, +1 when a > b. Both must pass IsDecimal.
func CompareDecimal(a, b string) int {
	aw, af, _ := strings.Cut(a, ".")
	bw, bf, _ := strings.Cut(b, ".")
	aw, bw = strings.TrimLeft(aw, "0"), strings.TrimLeft(bw, "0")
	if len(aw) != len(bw) {
		if len(aw) < len(bw) {
			return -1
		}
		return 1
	}
	if c := strings.Compare(aw, bw); c != 0 {
		return c
	}
	for len(af) < len(bf) {
		af += "0"
	}
	for len(bf) < len(af) {
		bf += "0"
	}
	return strings.Compare(af, bf)
}

// IsPromoCode reports whether s is 3-32 capital letters, digits, '-' or
// '_', starting with a letter or digit.
func IsPromoCode(s string) bool {
	if len(s) < 3 || len(s) > 32 || s[0] == '-' || s[0] == '_' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// validateStruct runs the validator over v and turns each failed tag into
// a finding at the failing value's node (or its nearest present parent).
func (d *decoder) validateStruct(v any, fallback Position) {
	err := validate.Struct(v)
	if err == nil {
		return
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		d.findings = append(d.findings, Finding{Pos: fallback, Severity: Error, Rule: "schema.document", Message: err.Error()})
		return
	}
	for _, fe := range verrs {
		path := fe.Namespace()
		if _, rest, ok := strings.Cut(path, "."); ok {
			path = rest
		}
		if d.badPath(path) {
			continue // the wrong type is reported already
		}
		d.findings = append(d.findings, Finding{
			Pos:      d.nearest(path, fallback),
			Severity: Error,
			Rule:     "schema." + rulePath(path),
			Message:  fieldMessage(path, fe),
		})
	}
}

// badPath reports whether path or one of its parents had a type error.
func (d *decoder) badPath(path string) bool {
	for path != "" {
		if d.bad[path] {
			return true
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			return false
		}
		path = path[:i]
	}
	return false
}

// nearest returns the position of path's value, or of the closest parent
// that is present, or fallback.
func (d *decoder) nearest(path string, fallback Position) Position {
	for path != "" {
		if p, ok := d.field(path); ok {
			return p
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return fallback
}

// fieldMessage words a failed validation as a sentence.
func fieldMessage(path string, fe validator.FieldError) string {
	got := ""
	if s, ok := fe.Value().(string); ok {
		got = quoteShort(s)
	}
	switch fe.Tag() {
	case "required":
		return path + " is required"
	case "slug":
		return fmt.Sprintf("%s must be lowercase letters and digits joined by single hyphens, like spring-sale, got %s", path, got)
	case "locale":
		if s, ok := fe.Value().(string); ok {
			if c, ok := CanonicalLocale(s); ok {
				return fmt.Sprintf("%s must be written %q, got %s", path, c, got)
			}
		}
		return fmt.Sprintf("%s must be a BCP 47 language tag like en-US, zh-CN or el-GR, got %s", path, got)
	case "decimal":
		return fmt.Sprintf("%s must be a positive decimal like 79.99, got %s", path, got)
	case "promocode":
		return fmt.Sprintf("%s must be 3 to 32 capital letters, digits, hyphens or underscores, like SPRING25, got %s", path, got)
	case "iso4217":
		return fmt.Sprintf("%s must be an ISO 4217 currency code like USD, EUR or CNY, got %s", path, got)
	case "url":
		return fmt.Sprintf("%s must be an absolute URL like https://example.com/sale, got %s", path, got)
	case "oneof":
		return fmt.Sprintf("%s must be one of %s, got %s", path, strings.Join(strings.Fields(fe.Param()), ", "), got)
	case "len":
		return fmt.Sprintf("%s must be %s characters long, got %d", path, fe.Param(), len([]rune(fmt.Sprint(fe.Value()))))
	case "hexadecimal":
		return fmt.Sprintf("%s must be hexadecimal digits, got %s", path, got)
	}
	return fmt.Sprintf("%s fails the %q check, got %s", path, fe.Tag(), got)
}
