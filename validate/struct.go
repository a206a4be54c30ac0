package validate

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"
)

// Struct checks v (a struct or a pointer to one) against its `validate` tags with [Validator]
// and returns nil, or an [*InvalidError] matching [ErrInvalid] whose problems name each field
// by its JSON path, give its Swedish label where the field is a notification field, and say
// what is wrong in Swedish and English — for a format tag, exactly why (length, a character
// that is not a digit, the check digit, an impossible date). A v that is not a struct is an
// error too, not a panic.
func Struct(v any) error {
	err := Validator().Struct(v)
	if err == nil {
		return nil
	}
	var fieldErrs validator.ValidationErrors
	if !errors.As(err, &fieldErrs) {
		return fmt.Errorf("validate: %w", err)
	}
	root := rootName(v)
	problems := make([]Problem, len(fieldErrs))
	for i, fe := range fieldErrs {
		problems[i] = formatProblem(fe, root)
	}
	return &InvalidError{Problems: problems}
}

// rootName is the name validator puts first in a namespace: the struct type's name, empty for
// an anonymous struct.
func rootName(v any) string {
	t := reflect.TypeOf(v)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return ""
	}
	return t.Name()
}

// formatProblem turns one validator error into a Problem without quoting the value.
func formatProblem(fe validator.FieldError, root string) Problem {
	path := fe.Namespace()
	if root != "" {
		path = strings.TrimPrefix(path, root+".")
	}
	p := Problem{Path: path, Label: path, Code: CodeFormat, Tag: fe.Tag()}
	if f, ok := FieldByPath(path); ok {
		p.Label = f.Label()
	}
	if fe.Tag() == "required" {
		p.Code = CodeRequired
	}
	p.Swedish, p.English = message(fe)
	return p
}

// swedishParseError is implemented by the parse errors of facility and privacy.
type swedishParseError interface {
	error
	Swedish() string
}

// message returns the Swedish and English text for a failed tag.
func message(fe validator.FieldError) (sv, en string) {
	if check, ok := formatChecks[fe.Tag()]; ok {
		s, _ := fe.Value().(string)
		var pe swedishParseError
		if err := check(s); errors.As(err, &pe) {
			return pe.Swedish(), pe.Error()
		}
		return "Ogiltigt format.", "Invalid format."
	}
	if m, ok := builtinMessages[fe.Tag()]; ok {
		return fmt.Sprintf(m.sv, fe.Param()), fmt.Sprintf(m.en, fe.Param())
	}
	return "Ogiltigt värde (" + fe.Tag() + ").", "Invalid value (" + fe.Tag() + ")."
}

// builtinMessages translates the validator's own tags that the project uses; %[1]s is the
// tag's parameter. validator has no Swedish translation, so these are ours.
var builtinMessages = map[string]struct{ sv, en string }{
	"required":         {"Obligatoriskt fält saknar värde.%.0[1]s", "Required field is empty.%.0[1]s"},
	"required_if":      {"Obligatoriskt i det här fallet.%.0[1]s", "Required in this case.%.0[1]s"},
	"required_unless":  {"Obligatoriskt i det här fallet.%.0[1]s", "Required in this case.%.0[1]s"},
	"required_without": {"Fyll i detta eller %[1]s.", "Fill in this or %[1]s."},
	"excluded_with":    {"Får inte fyllas i tillsammans med %[1]s.", "Must be empty when %[1]s is filled in."},
	"email":            {"Ogiltig e-postadress.%.0[1]s", "Not a valid e-mail address.%.0[1]s"},
	"max":              {"Högst %[1]s tecken.", "At most %[1]s characters."},
	"min":              {"Minst %[1]s tecken.", "At least %[1]s characters."},
	"len":              {"Ska vara exakt %[1]s tecken.", "Must be exactly %[1]s characters."},
	"oneof":            {"Måste vara ett av: %[1]s.", "Must be one of: %[1]s."},
	"datetime":         {"Ogiltigt datum, skriv %[1]s.", "Not a valid date; write %[1]s."},
	"gtfield":          {"Måste vara senare än %[1]s.", "Must be later than %[1]s."},
	"gtefield":         {"Får inte vara tidigare än %[1]s.", "Must not be earlier than %[1]s."},
	"numeric":          {"Får bara innehålla siffror.%.0[1]s", "Must contain digits only.%.0[1]s"},
	"printascii":       {"Får bara innehålla vanliga tecken.%.0[1]s", "Must contain printable ASCII only.%.0[1]s"},
	"excludesall":      {"Innehåller otillåtna tecken.%.0[1]s", "Contains characters that are not allowed.%.0[1]s"},
}

// HasMessages reports whether tag has messages in Swedish and English of its own: every
// project format tag and the validator tags the project uses. A tag without them still
// works, with a generic message naming the tag.
func HasMessages(tag string) bool {
	if _, ok := formatChecks[tag]; ok {
		return true
	}
	_, ok := builtinMessages[tag]
	return ok
}
