package data

import (
	"fmt"
	"net/mail"
	"strings"
)

// ErrNoAgency refuses a printed document while the agency has no name: a
// letter must be fit to hand to a customer as it is.
var ErrNoAgency = fmt.Errorf("%w: the agency's name is not set (Settings → Agency)", ErrInvalid)

// ErrAgencyImage refuses a printed document whose logo or seal cannot be
// read (missing from the database, or damaged): it must be chosen again.
var ErrAgencyImage = fmt.Errorf("%w: the agency's logo or seal cannot be used; choose it again (Settings → Agency)", ErrInvalid)

// Agency is the agency's profile as printed on every letter and archive page:
// the letterhead, the footer and the signature block.
type Agency struct {
	Name           string `json:"name,omitzero"`
	Address        string `json:"address,omitzero"`
	Phone          string `json:"phone,omitzero"`
	Email          string `json:"email,omitzero"`
	License        string `json:"license,omitzero"`         // travel agency business licence number
	ComplaintPhone string `json:"complaint_phone,omitzero"` // the agency's complaint line
	Signatory      string `json:"signatory,omitzero"`       // who signs letters; "" = the case's handler
	// Images live in the blob store under their SHA-256 (PNG or JPEG).
	LogoSHA256 string `json:"logo_sha256,omitzero"`
	SealSHA256 string `json:"seal_sha256,omitzero"` // the company seal, printed over the signature
	// Recourse is where else a customer can turn, per letter language
	// (zh-Hans, zh-Hant, en); an empty text prints the standard one.
	Recourse map[string]string `json:"recourse,omitzero"`
}

// Validate checks what can be checked of the profile; every field may be empty.
func (a Agency) Validate() error {
	if err := checkTexts([2]string{"agency_name", a.Name}, [2]string{"agency_address", a.Address},
		[2]string{"agency_license", a.License}, [2]string{"agency_signatory", a.Signatory}); err != nil {
		return err
	}
	if e := strings.TrimSpace(a.Email); e != "" {
		if _, err := mail.ParseAddress(e); err != nil {
			return fieldErr("agency_email", "the agency's e-mail address is not valid")
		}
	}
	for _, p := range []struct{ field, v string }{{"agency_phone", a.Phone}, {"agency_complaint_phone", a.ComplaintPhone}} {
		// The phone's own reason (too few digits, a letter …) under the agency's field.
		if err := ValidatePhone(p.v); err != nil {
			fe := *err.(*FieldError)
			fe.Field = p.field
			return &fe
		}
	}
	for lang := range a.Recourse {
		if !validLanguage(lang) {
			return fieldErr("recourse", "unknown language %q", lang)
		}
		if err := CheckText("recourse", a.Recourse[lang]); err != nil {
			return err
		}
	}
	return nil
}
