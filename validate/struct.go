package validate

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"

	"github.com/gridnotify/gridnotify/privacy"
)

// Struct checks v (a struct or a pointer to one) against its `validate` tags with [Validator]
// and returns nil, or an [*InvalidError] matching [ErrInvalid] whose problems name each field
// by its JSON path, give its Swedish label where the field is a notification field, and say
// what is wrong in Swedish and English, as sentences that do not repeat the field's name —
// for a format tag, exactly why (length, a character that is not a digit, the check digit, an
// impossible date). The parse errors behind the format problems stay reachable through the
// error: errors.Is(err, privacy.ErrCheckDigit) works. A v that is not a struct is an error
// too, not a panic.
//
// A format tag's parser runs once per field: the problem's reason is the error the parser
// returned while validating, not a second run of it. Given a pointer to a struct whose
// fields are all exported, Struct validates a copy of the struct, which validator checks
// alike: validator allocates for each field it reaches through a pointer and for none of a
// copy's, so Struct(&in) allocates once where validator's own Struct(&in) allocates once per
// field.
func Struct(v any) error {
	info := typeInfoOf(v)
	if info.copy {
		if rv := reflect.ValueOf(v); !rv.IsNil() { // validator reports a nil pointer itself
			v = rv.Elem().Interface() // one allocation, not one per field
		}
	}
	rec := recorders.Get().(*recorder)
	defer rec.release()
	err := Validator().StructCtx(rec, v)
	if err == nil {
		return nil
	}
	fieldErrs, ok := err.(validator.ValidationErrors) // as validator returns them: no reflection
	if !ok {
		var wrapped validator.ValidationErrors
		if !errors.As(err, &wrapped) {
			return fmt.Errorf("validate: %w", err)
		}
		fieldErrs = wrapped
	}
	e := newInvalidError(len(fieldErrs))
	for i, fe := range fieldErrs {
		formatProblem(&e.Problems[i], fe, info.root, rec)
	}
	return e
}

// newInvalidError returns an InvalidError with n zero problems, in one allocation when n is
// small (the usual case: an input has a few malformed fields).
func newInvalidError(n int) *InvalidError {
	switch n {
	case 1:
		b := &struct {
			e InvalidError
			p [1]Problem
		}{}
		b.e.Problems = b.p[:]
		return &b.e
	case 2:
		b := &struct {
			e InvalidError
			p [2]Problem
		}{}
		b.e.Problems = b.p[:]
		return &b.e
	case 3:
		b := &struct {
			e InvalidError
			p [3]Problem
		}{}
		b.e.Problems = b.p[:]
		return &b.e
	case 4:
		b := &struct {
			e InvalidError
			p [4]Problem
		}{}
		b.e.Problems = b.p[:]
		return &b.e
	}
	return &InvalidError{Problems: make([]Problem, n)}
}

// formatProblem turns one validator error into *p (a zero Problem) without quoting the value.
func formatProblem(p *Problem, fe validator.FieldError, root string, rec *recorder) {
	path := fe.Namespace()
	if root != "" && len(path) > len(root) && path[len(root)] == '.' && path[:len(root)] == root {
		path = path[len(root)+1:]
	}
	tag := fe.Tag()
	p.Path, p.Label, p.Code, p.Tag = path, path, CodeFormat, tag
	if f, ok := FieldByPath(path); ok {
		p.Label = f.Label()
	}
	value, isString := fe.Value().(string)
	if isString {
		// A format tag that refused the value recorded why.
		if err := rec.find(tag, value); err != nil {
			setCause(p, err)
			return
		}
	}
	if check, ok := formatChecks[tag]; ok {
		// Not recorded: the validator was used without a recorder (a caller's own
		// Validator().Struct), or the value was not a string.
		var err error
		if isString {
			err = check(value)
		}
		if err == nil {
			p.Swedish, p.English = "Ogiltigt format.", "Invalid format."
			return
		}
		setCause(p, err)
		return
	}
	if tag == "required" {
		p.Code = CodeRequired
	}
	p.Swedish, p.English = builtinMessage(tag, fe.Param())
}

// setCause completes p with the parse error behind it: its reason, and CodeRequired for an
// empty value, as [ProblemFor] does.
func setCause(p *Problem, err error) {
	p.Swedish, p.English = reasonOf(err)
	p.cause = err
	if isEmpty(err) {
		p.Code = CodeRequired
	}
}

// isEmpty is errors.Is(err, privacy.ErrEmpty), without reflection for the parsers' own errors.
func isEmpty(err error) bool {
	if pe, ok := err.(*privacy.ParseError); ok {
		return pe.Err == privacy.ErrEmpty
	}
	return errors.Is(err, privacy.ErrEmpty)
}

// recorder is the context Struct validates with: the format tags' functions record there the
// parse error of every value they refuse, so that the problem can say why without parsing the
// value again. Recorders are pooled; one serves one Struct call.
type recorder struct {
	context.Context // context.Background(); only Value is overridden
	fails           []recorded
	next            int         // where find looks first: problems come in the order of fails
	buf             [8]recorded // fails' first backing array
}

// recorded is one refused value of a format tag.
type recorded struct {
	tag, value string
	err        error
}

// recorderKey is the context key under which a recorder finds itself.
type recorderKey struct{}

// Value returns the recorder itself for recorderKey.
func (r *recorder) Value(key any) any {
	if key == (recorderKey{}) {
		return r
	}
	return r.Context.Value(key)
}

// record notes that tag refused value with err.
func (r *recorder) record(tag, value string, err error) {
	r.fails = append(r.fails, recorded{tag, value, err})
}

// find returns the error recorded for tag and value, or nil. validator reports the failures
// in the order the functions refused them, so the next record is almost always the one;
// otherwise (an or-tag whose first alternative failed) any record with the same tag and value
// holds the right error, since the parsers are functions of the value.
func (r *recorder) find(tag, value string) error {
	if r.next < len(r.fails) {
		if f := &r.fails[r.next]; f.value == value && f.tag == tag {
			r.next++
			return f.err
		}
	}
	for i := range r.fails {
		if f := &r.fails[i]; f.value == value && f.tag == tag {
			return f.err
		}
	}
	return nil
}

// release empties the recorder and returns it to the pool.
func (r *recorder) release() {
	clear(r.fails) // drop the references to the values
	r.fails, r.next = r.buf[:0], 0
	recorders.Put(r)
}

var recorders = sync.Pool{New: func() any {
	r := &recorder{Context: context.Background()}
	r.fails = r.buf[:0]
	return r
}}

// recorderFrom returns the recorder in ctx, or nil when the validator was called without one.
// validator hands the functions the context Struct gave it, so the recorder is the context
// itself; a context derived from one finds it through Value.
func recorderFrom(ctx context.Context) *recorder {
	if r, ok := ctx.(*recorder); ok {
		return r
	}
	r, _ := ctx.Value(recorderKey{}).(*recorder)
	return r
}

// builtinMessage returns the Swedish and English text for one of validator's own tags.
func builtinMessage(tag, param string) (sv, en string) {
	m, ok := builtinMessages[tag]
	if !ok {
		return "Ogiltigt värde (" + tag + ").", "Invalid value (" + tag + ")."
	}
	if !m.param {
		return m.sv, m.en
	}
	svParam, enParam := param, param
	if tag == "datetime" {
		svParam, enParam = layoutSwedish.Replace(param), layoutEnglish.Replace(param)
	}
	return m.sv + svParam + m.svEnd, m.en + enParam + m.enEnd
}

// layoutSwedish and layoutEnglish write a Go time layout ("2006-01-02") the way a person
// reads a date pattern: ÅÅÅÅ-MM-DD in Swedish, YYYY-MM-DD in English. Go's reference date
// means nothing to the person filling in the form.
var (
	layoutSwedish = strings.NewReplacer("2006", "ÅÅÅÅ", "06", "ÅÅ", "01", "MM", "02", "DD",
		"15", "tt", "04", "mm", "05", "ss")
	layoutEnglish = strings.NewReplacer("2006", "YYYY", "06", "YY", "01", "MM", "02", "DD",
		"15", "hh", "04", "mm", "05", "ss")
)

// builtinMessage's texts. Without param, sv and en are the whole text; with it, the text is
// sv + the tag's parameter + svEnd (likewise in English).
type message struct {
	sv, svEnd, en, enEnd string
	param                bool
}

// builtinMessages translates the validator's own tags that the project uses. validator has
// no Swedish translation, so these are ours.
var builtinMessages = map[string]message{
	"required":         {sv: "Obligatoriskt fält saknar värde.", en: "Required field is empty."},
	"required_if":      {sv: "Obligatoriskt i det här fallet.", en: "Required in this case."},
	"required_unless":  {sv: "Obligatoriskt i det här fallet.", en: "Required in this case."},
	"required_without": {sv: "Fyll i detta eller ", svEnd: ".", en: "Fill in this or ", enEnd: ".", param: true},
	"excluded_with":    {sv: "Får inte fyllas i tillsammans med ", svEnd: ".", en: "Must be empty when ", enEnd: " is filled in.", param: true},
	"email":            {sv: "Ogiltig e-postadress.", en: "Not a valid e-mail address."},
	"max":              {sv: "Högst ", svEnd: " tecken.", en: "At most ", enEnd: " characters.", param: true},
	"min":              {sv: "Minst ", svEnd: " tecken.", en: "At least ", enEnd: " characters.", param: true},
	"len":              {sv: "Ska vara exakt ", svEnd: " tecken.", en: "Must be exactly ", enEnd: " characters.", param: true},
	"oneof":            {sv: "Måste vara ett av: ", svEnd: ".", en: "Must be one of: ", enEnd: ".", param: true},
	"datetime":         {sv: "Ogiltigt datum, skriv ", svEnd: ".", en: "Not a valid date; write ", enEnd: ".", param: true},
	"gtfield":          {sv: "Måste vara senare än ", svEnd: ".", en: "Must be later than ", enEnd: ".", param: true},
	"gtefield":         {sv: "Får inte vara tidigare än ", svEnd: ".", en: "Must not be earlier than ", enEnd: ".", param: true},
	"numeric":          {sv: "Får bara innehålla siffror.", en: "Must contain digits only."},
	"printascii":       {sv: "Får bara innehålla vanliga tecken.", en: "Must contain printable ASCII only."},
	"excludesall":      {sv: "Innehåller otillåtna tecken.", en: "Contains characters that are not allowed."},
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
