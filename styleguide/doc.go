// Package styleguide owns the brand style guide: its YAML schema, the rule
// kinds, the compiled matcher, and the checks run on source and rendered
// text.
//
// # Files and merging
//
// Every styleguide/*.yaml file of a workspace is read and merged into one
// guide: lists concatenate, mappings merge key by key, and a value set
// twice with different values keeps the first and is a finding at the
// second. Unknown keys and bad values are findings at their line:col with
// the rule schema.<path> and a hint: `unknown key "temrs" (did you mean
// "terms"?)`. A rule with a problem is dropped; the rest still apply.
//
// # Rules
//
// Every rule takes an optional severity (error, warning, suggestion) and
// an optional scope, only: {types: [...], locales: [...], channels: [...]}.
// A locale in a scope or a section matches itself and, for a language
// alone ("zh"), every region of it ("zh-CN", "zh-TW"). A rule scoped to
// channels checks only text for those channels: their overrides
// (overrides.<channel>.*) and their rendered variants.
//
//	terms:                 # rule terms.<slug of use>, default warning
//	  - use: email
//	    avoid: [e-mail]    # case-insensitive, whole words; fix: use, keeping an initial capital
//	casing: [AcmeDB]       # rule casing.<name>, default error; also [{name: AcmeDB, severity: ..., only: ...}]
//	                       # any other casing or spacing ("acmedb", "Acme DB", "acme-db") is flagged; fix: the name;
//	                       # a hashtag may drop the spaces (#AcmeDB for "Acme DB"); Guide.Spelling gives the name
//	banned:                # rule banned.<id, or slug of phrase>, default error
//	  - phrase: best in the world
//	    message: We never claim superlatives we cannot prove.
//	  - pattern: '(?i)\bguarantee[sd]?\b'   # Go regexp; needs id
//	    id: guarantee
//	claims:                # rule claims.<disclaimer id>, default error
//	  - trigger: free shipping              # or pattern:
//	    disclaimer: shipping
//	disclaimers:           # the text a claim needs in the same item (or variant),
//	  shipping: Free shipping on orders over $50.   # compared without case or spacing
//	readability:           # default suggestion
//	  max_sentence_words: 30   # readability.sentence_length
//	  max_sentence_chars: 60   # for Chinese, Japanese, Korean sentences; default 2 × max_sentence_words
//	  max_grade: 9             # readability.grade: Flesch-Kincaid of the body, English only,
//	                           # when it has at least 3 sentences and 30 words
//	punctuation:           # default warning
//	  max_exclamations: 1      # punctuation.exclamations: ! and ！ per text
//	  max_caps_run: 4          # punctuation.caps: words of this many letters or more in capitals
//	  acronyms: [USA, GPS]     # exempt from punctuation.caps and heading case
//	links:                 # default error
//	  allowed_domains: [acme.example]   # links.domain; subdomains and relative links pass
//	  https: true                       # links.https; fix: https:
//	headings:
//	  case: sentence       # headings.case (default warning): sentence, title (English only) or none;
//	                       # applies to Markdown headings and the title
//	emoji:
//	  allow: [x, instagram]    # emoji.channel: emoji in text for other channels (default warning);
//	                           # emoji.source: emoji in text all channels share, unless allowed
//	                           # everywhere ("*" allows every channel)
//	palette:               # palette.contrast, default error, at the pair
//	  colors: {ink: "#1B1B1B", paper: "#FFFFFF"}
//	  pairs: [[ink, paper], {fg: ink, bg: paper, min: 3}]   # WCAG 2.x contrast, 4.5:1 unless min
//	channels:              # per-channel settings, see ChannelRules
//	  push: {cta: Tap, max_hashtags: 0, subject_max: 60, disclaimers: link}
//	                       # disclaimers: text (default): a claim's disclaimer must be in the variant;
//	                       # link: the landing page the variant links to carries it, so a variant
//	                       # that states the item's link needs none (for channels too short for terms)
//	locales:               # per-locale rules: the same keys minus locales, palette, channels
//	  zh-CN:
//	    terms: [{use: 电子邮件, avoid: [电邮]}]
//	    readability: {max_sentence_chars: 80}
//
// A locale section applies to items of that locale (a language section to
// all its regions, a region's section on top of its language's). Its lists
// add to the top level's and its values replace them.
//
// # Matching
//
// Text is cut into words by Unicode word segmentation (UAX #29), so "free"
// never matches inside "freedom", and each Han character is a word of its
// own: "免费" matches the words 免 and 费 wherever they stand together.
// Words are compared after Unicode case folding (Σ, σ and ς are one
// letter; accents are kept) and NFC. Every phrase of every rule is
// compiled once into one table keyed by its first word, so a text is read
// once whatever the number of rules. A trailing possessive ('s) may be
// left off a match: "Acmedb's" is flagged as a misspelt AcmeDB. Inflected
// forms (plurals) are not guessed; list them.
//
// Links and email addresses written in text are not words and match
// nothing. Chinese text is not segmented by dictionary, so a phrase of Han
// characters also matches across a word boundary ("免费" in "避免费用").
//
// A heading in sentence case may keep the capital of a word that the item
// capitalises mid-sentence elsewhere ("opened in Denver"): that is a name.
// Other names belong under casing. A fix that lowers a capital is offered
// only when the item writes that word in lowercase elsewhere, or it is a
// function word ("In", "The"); otherwise the finding names the words that
// may be names and carries no fix.
//
// # Source and variants
//
// CheckItem reads the item's own prose and links, with positions and
// fixes in its file. CheckText reads a rendered variant's texts for one
// channel and reports only what the source check could not have seen: a
// hit whose words stand in the item's own prose is not reported again,
// except a claim, whose disclaimer must be in the variant itself, unless
// the channel is set to disclaimers: link and the variant links to the
// landing page (CheckVariantText). Adapters that have room append what
// Disclaimers says a variant's claims need.
//
// Sentences come from Unicode sentence segmentation (。！？ end sentences);
// in Greek a ";" followed by a space ends a question.
package styleguide
