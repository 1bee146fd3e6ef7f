package adapters

import (
	"testing"
	"time"
)

func TestFormatPrice(t *testing.T) {
	tests := []struct {
		locale, amount, currency, want string
	}{
		{"en-US", "79.99", "USD", "$79.99"},
		{"en-US", "79.9", "USD", "$79.90"},
		{"en-US", "1234567.5", "USD", "$1,234,567.50"},
		{"en-US", "79.995", "USD", "$80.00"}, // half away from zero, in decimal
		{"en-US", "0.005", "USD", "$0.01"},
		{"en-US", "79.994999", "USD", "$79.99"},
		{"en-US", "-5", "USD", "-$5.00"},
		{"en-US", "-0.001", "USD", "$0.00"},
		{"en-GB", "79.99", "USD", "US$79.99"},
		{"en", "499", "CNY", "CN¥499.00"},
		{"zh-CN", "499", "CNY", "￥499.00"},
		{"zh-CN", "12999", "CNY", "￥12,999.00"},
		{"ja-JP", "1980.4", "JPY", "￥1,980"}, // yen has no decimals
		{"el-GR", "79.99", "EUR", "79,99 €"},
		{"el-GR", "1299", "EUR", "1.299,00 €"},
		{"de-DE", "79.99", "EUR", "79,99 €"},
		{"de-CH", "79.9", "CHF", "CHF 79.90"},
		{"fr-FR", "1299.5", "EUR", "1\u00a0299,50 €"},
		{"es-MX", "79.99", "MXN", "$79.99"},
		{"pt-BR", "79.99", "BRL", "R$ 79,99"},
		{"nl-NL", "79.99", "EUR", "€ 79,99"},
		{"hi-IN", "1234567", "INR", "₹12,34,567.00"},
		{"", "79.99", "usd", "$79.99"},
		{"not a locale!", "79.99", "USD", "$79.99"},
		{"en-US", "79.99", "XYZ", "XYZ 79.99"},
		{"en-US", "79.99", "CHF", "CHF 79.99"},
		{"en-US", "79,99", "USD", "79,99 USD"},
		{"en-US", "abc", "USD", "abc USD"},
		{"en-US", "", "USD", "USD"},
		{"en-US", "99999999999999999999", "USD", "99999999999999999999 USD"},
	}
	for _, tt := range tests {
		if got := FormatPrice(tt.locale, tt.amount, tt.currency); got != tt.want {
			t.Errorf("FormatPrice(%q, %q, %q) = %q, want %q", tt.locale, tt.amount, tt.currency, got, tt.want)
		}
	}
}

func TestFormatDate(t *testing.T) {
	d := time.Date(2026, 4, 30, 23, 59, 0, 0, time.UTC)
	tests := []struct{ locale, want string }{
		{"en-US", "April 30, 2026"},
		{"en", "April 30, 2026"},
		{"", "April 30, 2026"},
		{"en-GB", "30 April 2026"},
		{"en-AU", "30 April 2026"},
		{"zh-CN", "2026年4月30日"},
		{"zh-TW", "2026年4月30日"},
		{"ja-JP", "2026年4月30日"},
		{"ko-KR", "2026년 4월 30일"},
		{"el-GR", "30 Απριλίου 2026"},
		{"el", "30 Απριλίου 2026"},
		{"de-DE", "2026-04-30"},
		{"ar-EG", "2026-04-30"},
	}
	for _, tt := range tests {
		if got := FormatDate(tt.locale, d); got != tt.want {
			t.Errorf("FormatDate(%q) = %q, want %q", tt.locale, got, tt.want)
		}
	}
	// The date is t's own calendar date, not UTC's.
	la := time.FixedZone("PDT", -7*3600)
	if got := FormatDate("en-US", time.Date(2026, 5, 1, 6, 0, 0, 0, time.UTC).In(la)); got != "April 30, 2026" {
		t.Errorf("FormatDate in PDT = %q", got)
	}
	if got := FormatDate("el", time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)); got != "1 Μαΐου 2026" {
		t.Errorf("FormatDate(el, May) = %q", got)
	}
}
