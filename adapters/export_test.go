package adapters

// EncodeVariant exposes encodeVariant to the external tests.
var EncodeVariant = encodeVariant
