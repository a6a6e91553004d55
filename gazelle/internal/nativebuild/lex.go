package nativebuild

import "strings"

// command is one CMake command invocation: its lowercased name and its
// arguments (quoted and bracket arguments unquoted, nothing expanded).
type command struct {
	name string
	line int
	args []word
}

// cmakeCommands splits CMake source into command invocations. Unbalanced
// or unterminated text ends the reading: what came before is kept.
func cmakeCommands(src string) []command {
	var out []command
	line := 1
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == '#':
			i, line = skipCMakeComment(src, i, line)
		case isNameByte(c):
			j := i
			for j < len(src) && isNameByte(src[j]) {
				j++
			}
			name := strings.ToLower(src[i:j])
			k := j
			for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
				k++
			}
			if k >= len(src) || src[k] != '(' {
				i = j
				continue
			}
			cmd := command{name: name, line: line}
			var ok bool
			i, line, ok = cmakeArgs(src, k+1, line, &cmd)
			if !ok {
				return out
			}
			out = append(out, cmd)
		default:
			i++
		}
	}
	return out
}

// cmakeArgs reads the arguments after a command's "(" up to its ")".
func cmakeArgs(src string, i, line int, cmd *command) (int, int, bool) {
	depth := 1
	for i < len(src) {
		c := src[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '#':
			i, line = skipCMakeComment(src, i, line)
		case c == '(':
			depth++
			i++
		case c == ')':
			depth--
			i++
			if depth == 0 {
				return i, line, true
			}
		case c == '"':
			start, startLine := i+1, line
			j := start
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' && j+1 < len(src) {
					j++
				}
				if src[j] == '\n' {
					line++
				}
				j++
			}
			if j >= len(src) {
				return j, line, false
			}
			cmd.add(word{text: src[start:j], line: startLine, quoted: true})
			i = j + 1
		case c == '[' && bracketOpen(src, i) >= 0:
			eq := bracketOpen(src, i)
			closer := "]" + strings.Repeat("=", eq) + "]"
			start := i + eq + 2
			end := strings.Index(src[start:], closer)
			if end < 0 {
				return len(src), line, false
			}
			text := src[start : start+end]
			cmd.add(word{text: text, line: line, quoted: true})
			line += strings.Count(text, "\n")
			i = start + end + len(closer)
		default:
			j := i
			for j < len(src) && !strings.ContainsRune(" \t\r\n()#\"", rune(src[j])) {
				j++
			}
			cmd.add(word{text: src[i:j], line: line})
			i = j
		}
	}
	return i, line, false
}

func (c *command) add(w word) {
	if len(c.args) < maxArgs {
		c.args = append(c.args, w)
	}
}

// bracketOpen returns the number of '=' of a bracket argument or comment
// opening at src[i] ("[[", "[==["), or -1.
func bracketOpen(src string, i int) int {
	j := i + 1
	for j < len(src) && src[j] == '=' {
		j++
	}
	if j < len(src) && src[j] == '[' {
		return j - i - 1
	}
	return -1
}

// skipCMakeComment skips a line comment or a bracket comment at src[i].
func skipCMakeComment(src string, i, line int) (int, int) {
	if i+1 < len(src) && src[i+1] == '[' {
		if eq := bracketOpen(src, i+1); eq >= 0 {
			closer := "]" + strings.Repeat("=", eq) + "]"
			start := i + eq + 3
			end := strings.Index(src[start:], closer)
			if end < 0 {
				return len(src), line + strings.Count(src[start:], "\n")
			}
			return start + end + len(closer), line + strings.Count(src[start:start+end], "\n")
		}
	}
	for i < len(src) && src[i] != '\n' {
		i++
	}
	return i, line
}

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// mesonTokens splits meson.build source into names, strings (unquoted,
// quoted set) and punctuation; comments are dropped.
func mesonTokens(src string) []word {
	var out []word
	line := 1
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '\'':
			start, startLine := i, line
			if strings.HasPrefix(src[i:], "'''") {
				end := strings.Index(src[i+3:], "'''")
				if end < 0 {
					return out
				}
				text := src[i+3 : i+3+end]
				line += strings.Count(text, "\n")
				out = append(out, word{text: text, line: startLine, quoted: true})
				i += 6 + end
				continue
			}
			j := start + 1
			var b strings.Builder
			for j < len(src) && src[j] != '\'' && src[j] != '\n' {
				if src[j] == '\\' && j+1 < len(src) {
					j++
				}
				b.WriteByte(src[j])
				j++
			}
			if j >= len(src) || src[j] != '\'' {
				return out
			}
			out = append(out, word{text: b.String(), line: startLine, quoted: true})
			i = j + 1
		case isNameByte(c):
			j := i
			for j < len(src) && isNameByte(src[j]) {
				j++
			}
			out = append(out, word{text: src[i:j], line: line})
			i = j
		default:
			out = append(out, word{text: src[i : i+1], line: line})
			i++
		}
	}
	return out
}
