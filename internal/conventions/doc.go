// Package conventions holds the checks that keep the code to the house's own rules where the compiler and go vet do
// not: its tests read every Go file in the repository and fail on a convention broken. It holds no code the
// product runs.
package conventions
