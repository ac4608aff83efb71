package data

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // the formats letters can print
	_ "image/png"
	"net/http"
)

// MaxImageSize bounds an agency logo or seal.
const MaxImageSize = 5 << 20

// Image problems a form can explain.
var (
	ErrImageTooLarge = fmt.Errorf("%w: the image is larger than 5 MB", ErrInvalid)
	ErrImageFormat   = fmt.Errorf("%w: not a PNG or JPEG image", ErrInvalid)
	ErrImageDamaged  = fmt.Errorf("%w: the image cannot be read", ErrInvalid)
)

// CheckImage accepts a logo or seal only if it is a PNG or JPEG that decodes
// completely: a damaged file would otherwise be stored and spoil every letter.
func CheckImage(b []byte) error {
	if len(b) > MaxImageSize {
		return ErrImageTooLarge
	}
	switch http.DetectContentType(b) {
	case "image/png", "image/jpeg":
	default:
		return ErrImageFormat
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("%w: %v", ErrImageDamaged, err)
	}
	if cfg.Width*cfg.Height > 40_000_000 {
		return ErrImageTooLarge
	}
	if _, _, err := image.Decode(bytes.NewReader(b)); err != nil {
		return fmt.Errorf("%w: %v", ErrImageDamaged, err)
	}
	return nil
}

// IsImageError reports whether err is one of CheckImage's.
func IsImageError(err error) bool {
	return errors.Is(err, ErrImageTooLarge) || errors.Is(err, ErrImageFormat) || errors.Is(err, ErrImageDamaged)
}
