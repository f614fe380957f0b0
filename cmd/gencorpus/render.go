package main

import (
	"html"
	"strings"
)

// render lays a report out as text in one of the layouts.
func render(title, agency, published string, parts []part, layout string) string {
	if layout == layoutHTML {
		return renderHTML(title, agency, published, parts)
	}
	var b strings.Builder
	b.WriteString(title + "\n\n")
	for _, p := range parts {
		if p.heading != "" {
			b.WriteString(p.heading + "\n")
		}
		if p.text != "" {
			b.WriteString("　　" + p.text + "\n")
		}
		for _, row := range p.table {
			switch layout {
			case layoutPipe:
				b.WriteString("| " + strings.Join(row, " | ") + " |\n")
			case layoutTab:
				b.WriteString(strings.Join(row, "\t") + "\n")
			case layoutSpaces:
				var cells []string
				for _, cell := range row {
					if cell != "" {
						cells = append(cells, cell)
					}
				}
				for i, cell := range cells {
					if i > 0 {
						b.WriteString(strings.Repeat(" ", 2+(i*3+len(cell))%5))
					}
					b.WriteString(cell)
				}
				b.WriteString("\n")
			case layoutLines:
				for _, cell := range row {
					if cell != "" {
						b.WriteString(cell + "\n")
					}
				}
			}
		}
	}
	b.WriteString("\n" + agency + "\n" + published + "\n")
	return b.String()
}

// renderHTML lays a report out as a crawled web page.
func renderHTML(title, agency, published string, parts []part) string {
	e := html.EscapeString
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<title>" + e(title) + "</title>\n")
	b.WriteString("<style>table{border-collapse:collapse} td{border:1px solid #999;padding:2px 6px}</style>\n")
	b.WriteString("<script>var _hmt = _hmt || []; var pageSize = 20;</script>\n</head>\n<body>\n")
	b.WriteString("<nav class=\"crumb\"><a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a> &gt; 年度报告</nav>\n")
	b.WriteString("<div class=\"article\">\n<h1>" + e(title) + "</h1>\n")
	b.WriteString("<div class=\"info\">发布机构：" + e(agency) + "&nbsp;&nbsp;发布日期：" + e(published) + "</div>\n")
	for _, p := range parts {
		if p.heading != "" {
			b.WriteString("<h3>" + e(p.heading) + "</h3>\n")
		}
		if p.text != "" {
			b.WriteString("<p>&emsp;&emsp;" + e(p.text) + "</p>\n")
		}
		if len(p.table) > 0 {
			b.WriteString("<table>\n")
			for _, row := range p.table {
				b.WriteString("<tr>")
				for _, cell := range row {
					b.WriteString("<td>" + e(cell) + "</td>")
				}
				b.WriteString("</tr>\n")
			}
			b.WriteString("</table>\n")
		}
	}
	b.WriteString("<p style=\"text-align:right\">" + e(agency) + "<br>" + e(published) + "</p>\n</div>\n")
	b.WriteString("<footer>主办单位：" + e(agency) + "</footer>\n</body>\n</html>\n")
	return b.String()
}
