package content

import (
	"slices"

	"golang.org/x/text/language"
)

// Config is chorus.yaml: the brand, its locales, its channels and how
// Chorus serves them. Unknown keys are findings.
type Config struct {
	Brand         string         `yaml:"brand" validate:"required"`
	BaseURL       string         `yaml:"base_url" validate:"required,url"`
	DefaultLocale string         `yaml:"default_locale" validate:"required,locale"`
	Locales       []LocaleConfig `yaml:"locales" validate:"dive"`
	Channels      []string       `yaml:"channels"`
	SMS           SMSConfig      `yaml:"sms"`
	Email         EmailConfig    `yaml:"email"`
	Facts         FactsConfig    `yaml:"facts"`
	Server        ServerConfig   `yaml:"server"`
}

// LocaleConfig is one locale the brand publishes in, with the locales to
// fall back to, in order, when an item has no translation.
type LocaleConfig struct {
	Code     string   `yaml:"code" validate:"required,locale"`
	Fallback []string `yaml:"fallback" validate:"dive,locale"`
}

// SMSConfig holds the text every SMS must carry.
type SMSConfig struct {
	Prefix      string `yaml:"prefix"`       // brand prefix, e.g. "Acme:"
	OptOut      string `yaml:"opt_out"`      // e.g. "Reply STOP to opt out"
	MaxSegments int    `yaml:"max_segments"` // default 2
}

// EmailConfig holds sender details and the unsubscribe endpoints.
type EmailConfig struct {
	From            string `yaml:"from"`
	ReplyTo         string `yaml:"reply_to"`
	ListUnsubscribe string `yaml:"list_unsubscribe" validate:"omitempty,url"` // https one-click endpoint
}

// FactsConfig tunes the cross-channel fact check.
type FactsConfig struct {
	// Exempt lists channels that need not state the price and code.
	Exempt []string `yaml:"exempt"`
}

// ServerConfig holds `chorus serve` settings.
type ServerConfig struct {
	Addr     string          `yaml:"addr"`
	Tokens   []TokenConfig   `yaml:"tokens" validate:"dive"`
	Webhooks []WebhookConfig `yaml:"webhooks" validate:"dive"`
}

// TokenConfig is a read token, stored as the hex SHA-256 of the secret,
// with the channels it may read (empty: all).
type TokenConfig struct {
	Name     string   `yaml:"name" validate:"required"`
	SHA256   string   `yaml:"sha256" validate:"required,len=64,hexadecimal"`
	Channels []string `yaml:"channels"`
}

// WebhookConfig is a receiver of change notices.
type WebhookConfig struct {
	URL      string   `yaml:"url" validate:"required,url"`
	Channels []string `yaml:"channels"`
	Secret   string   `yaml:"secret"`
}

// LocaleChain returns the locales to try for loc, in order: loc itself,
// its configured fallbacks, then the default locale. A locale that is not
// configured but is a close match of one that is (el for el-GR, zh-Hans-CN
// for zh-CN, en-GB for en-US) tries that one and its fallbacks next: the
// same language, in the same script, before the default.
func (c *Config) LocaleChain(loc string) []string {
	chain := []string{loc}
	seen := map[string]bool{loc: true}
	add := func(l string) {
		if !seen[l] {
			seen[l] = true
			chain = append(chain, l)
		}
	}
	addWithFallbacks := func(code string) {
		add(code)
		for _, l := range c.Locales {
			if l.Code == code {
				for _, f := range l.Fallback {
					add(f)
				}
			}
		}
	}
	codes := c.LocaleCodes()
	if slices.Contains(codes, loc) {
		addWithFallbacks(loc)
	} else if near := c.nearestLocale(loc, codes); near != "" {
		addWithFallbacks(near)
	}
	add(c.DefaultLocale)
	return chain
}

// nearestLocale is the configured locale that best matches loc, when the
// match is close (language.High: the same language and script), else "".
func (c *Config) nearestLocale(loc string, codes []string) string {
	want, err := language.Parse(loc)
	if err != nil {
		return ""
	}
	tags := make([]language.Tag, 0, len(codes))
	for _, code := range codes {
		t, err := language.Parse(code)
		if err != nil {
			return ""
		}
		tags = append(tags, t)
	}
	_, i, conf := language.NewMatcher(tags).Match(want)
	if conf < language.High {
		return ""
	}
	return codes[i]
}

// LocaleCodes lists the configured locales, the default first.
func (c *Config) LocaleCodes() []string {
	codes := []string{c.DefaultLocale}
	for _, l := range c.Locales {
		if l.Code != c.DefaultLocale {
			codes = append(codes, l.Code)
		}
	}
	return codes
}
