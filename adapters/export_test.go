package adapters

// EncodeVariant exposes encodeVariant to the external tests.
func EncodeVariant(v *Variant, indent string) ([]byte, error) { return encodeVariant(nil, v, indent) }
