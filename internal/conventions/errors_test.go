package conventions

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// An error from reading a number or from the database is never thrown away. A version read as 0 because the form's
// field was altered, or a query that failed and left a name empty, shows the user something that is not so; the
// code must say what it does instead (web.FormVersion, web.PageNumber, or an if on the error).
//
// The check is by the shape of the code, not its types: a call to one of strconv's parsing functions, or a method
// named like database/sql's or pgx's that returns an error, whose error is assigned to _ or not used at all.
// Closing and rolling back are left out: "defer rows.Close()" and "defer tx.Rollback()" are how a failed read or
// write is cleaned up, and their errors carry nothing the first error did not.

// strconvParsers are strconv's functions that return an error.
var strconvParsers = []string{"Atoi", "ParseBool", "ParseComplex", "ParseFloat", "ParseInt", "ParseUint", "QuotedPrefix", "Unquote", "UnquoteChar"}

// queryMethods are the methods of database/sql's and pgx's connections, transactions, rows and rows' scans that
// return an error.
var queryMethods = []string{"Exec", "ExecContext", "Query", "QueryContext", "QueryRow", "QueryRowContext", "Scan", "Err", "Commit", "Prepare", "PrepareContext", "Ping", "PingContext", "BeginTx", "Begin"}

func TestNoDiscardedErrors(t *testing.T) {
	root := moduleRoot(t)
	var found []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "node_modules", "testdata", "vendor":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		problems, err := discardedErrors(rel, src)
		if err != nil {
			return err
		}
		found = append(found, problems...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range found {
		t.Error(f)
	}
}

// The check itself finds each way an error can be thrown away, and lets each way of keeping it pass.
func TestDiscardedErrorsCheck(t *testing.T) {
	tests := []struct {
		name, body string
		want       int
	}{
		{"Atoi's error assigned to _", `v, _ := strconv.Atoi(s); _ = v`, 1},
		{"ParseInt's error assigned to _ in a plain assignment", `var n int64; n, _ = strconv.ParseInt(s, 10, 64); _ = n`, 1},
		{"Unquote not used at all", `strconv.Unquote(s)`, 1},
		{"Atoi's error checked", `v, err := strconv.Atoi(s); if err != nil { return }; _ = v`, 0},
		{"Atoi's result thrown away but its error checked", `if _, err := strconv.Atoi(s); err != nil { return }`, 0},
		{"Itoa returns no error", `_ = strconv.Itoa(1)`, 0},
		{"a row's Scan not checked", `tx.QueryRowContext(ctx, q).Scan(&v)`, 1},
		{"a row's Scan assigned to _", `_ = tx.QueryRowContext(ctx, q).Scan(&v)`, 1},
		{"ExecContext's error assigned to _", `_, _ = tx.ExecContext(ctx, q)`, 1},
		{"pgx's Exec not used at all", `c.Exec(ctx, q)`, 1},
		{"rows.Err not used", `rows.Err()`, 1},
		{"a deferred Commit", `defer tx.Commit()`, 1},
		{"Exec's result thrown away, its error kept", `if _, err := tx.ExecContext(ctx, q); err != nil { return }`, 0},
		{"Scan checked", `if err := rows.Scan(&v); err != nil { return }`, 0},
		{"a deferred Close", `defer rows.Close()`, 0},
		{"a deferred Rollback", `defer tx.Rollback()`, 0},
		{"strconv renamed on import is still strconv", `n, _ := sc.Atoi(s); _ = n`, 1},
		{"a method of another value named Atoi", `n, _ := other.Atoi(s); _ = n`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			imp := `import "strconv"`
			if strings.Contains(tt.body, "sc.") {
				imp = `import sc "strconv"`
			}
			src := "package p\n" + imp + "\nvar _ = strconv.Itoa\nfunc f() {\n" + tt.body + "\n}\n"
			if strings.Contains(tt.body, "sc.") {
				src = strings.Replace(src, "var _ = strconv.Itoa", "var _ = sc.Itoa", 1)
			}
			got, err := discardedErrors("p.go", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.want {
				t.Errorf("%d found, want %d: %q", len(got), tt.want, got)
			}
		})
	}
}

// discardedErrors reports, as "file:line: what", every error the file throws away.
func discardedErrors(name string, src []byte) ([]string, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	strconvName := ""
	for _, imp := range file.Imports {
		if path, err := strconv.Unquote(imp.Path.Value); err == nil && path == "strconv" {
			strconvName = "strconv"
			if imp.Name != nil {
				strconvName = imp.Name.Name
			}
		}
	}
	// returnsError names the call when it is one this check watches.
	returnsError := func(e ast.Expr) (string, bool) {
		call, ok := e.(*ast.CallExpr)
		if !ok {
			return "", false
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return "", false
		}
		if pkg, ok := sel.X.(*ast.Ident); ok && strconvName != "" && pkg.Name == strconvName {
			return "strconv." + sel.Sel.Name, slices.Contains(strconvParsers, sel.Sel.Name)
		}
		return sel.Sel.Name, slices.Contains(queryMethods, sel.Sel.Name)
	}
	blank := func(e ast.Expr) bool {
		id, ok := e.(*ast.Ident)
		return ok && id.Name == "_"
	}
	var out []string
	report := func(n ast.Node, call, how string) {
		out = append(out, fmt.Sprintf("%s: the error from %s is %s", fset.Position(n.Pos()), call, how))
	}
	ast.Inspect(file, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.ExprStmt:
			if call, ok := returnsError(s.X); ok {
				report(s, call, "not used")
			}
		case *ast.DeferStmt:
			if call, ok := returnsError(s.Call); ok {
				report(s, call, "not used (deferred)")
			}
		case *ast.GoStmt:
			if call, ok := returnsError(s.Call); ok {
				report(s, call, "not used (in a goroutine)")
			}
		case *ast.AssignStmt:
			switch {
			case len(s.Rhs) == 1:
				if call, ok := returnsError(s.Rhs[0]); ok && blank(s.Lhs[len(s.Lhs)-1]) {
					report(s, call, "assigned to _")
				}
			case len(s.Lhs) == len(s.Rhs):
				for i, rhs := range s.Rhs {
					if call, ok := returnsError(rhs); ok && blank(s.Lhs[i]) {
						report(s, call, "assigned to _")
					}
				}
			}
		}
		return true
	})
	return out, nil
}

// moduleRoot is the folder holding go.mod, above the test's own.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}
