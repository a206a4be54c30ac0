package validate

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/privacy"
)

// TestStructRecordsParseErrors: under Struct, each refused value's parse error is recorded
// once, by the validation itself, so the problem needs no second parse.
func TestStructRecordsParseErrors(t *testing.T) {
	type in struct {
		ID     string `json:"id" validate:"facility_id"`
		Fuse   string `json:"fuse" validate:"main_fuse"`
		Postal string `json:"postal" validate:"postal_code"`
	}
	rec := recorders.Get().(*recorder)
	defer rec.release()
	require.Error(t, Validator().StructCtx(rec, in{ID: "735999123456789019", Fuse: "24", Postal: "252 21"}))
	_, idErr := facility.ParseEAN("735999123456789019")
	_, fuseErr := facility.ParseAmpere("24")
	require.Equal(t, []recorded{
		{TagFacilityID, "735999123456789019", idErr},
		{TagMainFuse, "24", fuseErr},
	}, rec.fails)
	require.ErrorIs(t, rec.find(TagMainFuse, "24"), privacy.ErrNotStandard)
	require.NoError(t, rec.find(TagMainFuse, "25"))
	require.NoError(t, rec.find(TagPostalCode, "24"))

	// Without a recorder (a caller's own use of the validator) nothing is recorded and
	// nothing fails.
	require.Error(t, Validator().Struct(in{ID: "1"}))
}

// TestFieldByPathFilter: the filter lets every field's path through, and the lookup finds
// exactly the fields.
func TestFieldByPathFilter(t *testing.T) {
	for f := Field(0); f < fieldEnd; f++ {
		got, ok := FieldByPath(f.Path())
		require.True(t, ok, f.Path())
		require.Equal(t, f, got)
	}
	for _, p := range []string{"", "x", "facilityId", "owner", "owner.", "owner.kindx", "Owner.kind"} {
		_, ok := FieldByPath(p)
		require.False(t, ok, p)
	}
}

// TestRootName: the name of the struct type, through pointers; empty for an anonymous struct
// and for nil; the same again from the caches.
func TestRootName(t *testing.T) {
	type named struct{ A int }
	n := &named{}
	for range 2 {
		require.Equal(t, "named", typeInfoOf(named{}).root)
		require.Equal(t, "named", typeInfoOf(n).root)
		require.Equal(t, "named", typeInfoOf(&n).root)
		require.Equal(t, "", typeInfoOf(struct{ A int }{}).root)
		require.Equal(t, "", typeInfoOf(nil).root)
	}
}

// TestStructOrTagRecords: an or-tag records the failure of its first alternative even when a
// later one passes; the problems still get the reasons of their own values.
func TestStructOrTagRecords(t *testing.T) {
	type in struct {
		Either string `json:"either" validate:"facility_id|meter_number"`
		ID     string `json:"id" validate:"facility_id"`
		Fuse   string `json:"fuse" validate:"main_fuse"`
	}
	err := Struct(in{Either: "M-1", ID: "7359991234567890", Fuse: "24"})
	var inv *InvalidError
	require.ErrorAs(t, err, &inv)
	require.Len(t, inv.Problems, 2)
	require.Equal(t, "id", inv.Problems[0].Path)
	require.ErrorIs(t, inv.Problems[0].cause, privacy.ErrLength)
	require.Equal(t, "fuse", inv.Problems[1].Path)
	require.ErrorIs(t, inv.Problems[1].cause, privacy.ErrNotStandard)
}

// TestCopyable: Struct validates a copy of a struct only where validator reads nothing more and
// checks it alike: every field exported, none skipped, no validateFn reached by value.
func TestCopyable(t *testing.T) {
	type inner struct {
		A string `validate:"validateFn"`
	}
	type plain struct {
		A string `validate:"required"`
		B int
		P *inner // validator reaches *P through the pointer, addressable in the copy too
		S []inner
	}
	type unexported struct {
		A string `validate:"required"`
		b int
	}
	type skipped struct {
		A string `validate:"required"`
		B string `validate:"-"`
	}
	type ownFn struct {
		A string `validate:"required,validateFn=Check"`
	}
	type nestedFn struct{ In inner }
	type arrayFn struct{ In [2]inner }
	for _, tc := range []struct {
		v    any
		copy bool
	}{
		{&plain{}, true},
		{plain{}, false}, // already a copy
		{&unexported{b: 1}, false},
		{&skipped{}, false},
		{&ownFn{}, false},
		{&nestedFn{}, false},
		{&arrayFn{}, false},
		{new(*plain), false}, // a pointer to a pointer: validator's own way
		{new(int), false},
	} {
		require.Equal(t, tc.copy, typeInfoOf(tc.v).copy, "%T", tc.v)
	}
}
