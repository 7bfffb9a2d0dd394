package ui

import "regexp"

// problemWords are the checker's messages, as the procedures package
// writes them, in Vietnamese. Names the analyst wrote (fields, values, the
// allowed words of the language) stay as written; a message not listed,
// such as CEL's own, is shown as it is.
var problemWords = []struct {
	en *regexp.Regexp
	vi string
}{
	{regexp.MustCompile(`^is required$`), "là bắt buộc"},
	{regexp.MustCompile(`^is given twice \(first on line (\d+)\)$`), "được khai hai lần (lần đầu ở dòng $1)"},
	{regexp.MustCompile(`^unknown field (".*"); did you mean (".*")\?$`), "không có trường $1; có phải là $2?"},
	{regexp.MustCompile(`^unknown field (".*"); a comma inside a value written between \{ \} ends that value: put the value in quotes$`),
		"không có trường $1; dấu phẩy trong một giá trị viết giữa { } kết thúc giá trị đó: hãy đặt giá trị trong dấu ngoặc kép"},
	{regexp.MustCompile(`^unknown field (".*")$`), "không có trường $1"},
	{regexp.MustCompile(`^must be a list$`), "phải là một danh sách"},
	{regexp.MustCompile(`^must be a mapping of names to values$`), "phải là một bảng tên và giá trị"},
	{regexp.MustCompile(`^must be a mapping of fields, not a (.+)$`), "phải là một nhóm trường, không phải $1"},
	{regexp.MustCompile(`^must be a single value, not a (.+)$`), "phải là một giá trị đơn, không phải $1"},
	{regexp.MustCompile(`^must be true or false, got (.+)$`), "phải là true hoặc false, nhận được $1"},
	{regexp.MustCompile(`^must be a whole number of đồng, got (.+)$`), "phải là một số đồng nguyên, nhận được $1"},
	{regexp.MustCompile(`^must be a whole number of đồng or a CEL expression$`), "phải là một số đồng nguyên hoặc một biểu thức CEL"},
	{regexp.MustCompile(`^must be a whole number, got (.+)$`), "phải là một số nguyên, nhận được $1"},
	{regexp.MustCompile(`^must be a number, got (.+)$`), "phải là một số, nhận được $1"},
	{regexp.MustCompile(`^must be a date written 2006-01-02, got (.+)$`), "phải là một ngày viết dạng 2006-01-02, nhận được $1"},
	{regexp.MustCompile(`^must be a moment written 2006-01-02 15:04 or a date 2006-01-02, got (.+)$`),
		"phải là một thời điểm viết dạng 2006-01-02 15:04 hoặc một ngày dạng 2006-01-02, nhận được $1"},
	{regexp.MustCompile(`^must be a time of day written 15:04, got (.+)$`), "phải là một giờ trong ngày viết dạng 15:04, nhận được $1"},
	{regexp.MustCompile(`^must be office hours written 07:30-11:30, got (.+)$`), "phải là giờ làm việc viết dạng 07:30-11:30, nhận được $1"},
	{regexp.MustCompile(`^must be a size such as 10MB, 512KB or a number of bytes, got (.+)$`),
		"phải là một dung lượng như 10MB, 512KB hoặc một số byte, nhận được $1"},
	{regexp.MustCompile(`^must be one of (.+), got (.+)$`), "phải là một trong $1; nhận được $2"},
	{regexp.MustCompile(`^must be true, false or a CEL expression$`), "phải là true, false hoặc một biểu thức CEL"},
	{regexp.MustCompile(`^must be required, optional or a CEL condition, got (.+)$`),
		"phải là required, optional hoặc một điều kiện CEL, nhận được $1"},
	{regexp.MustCompile(`^must evaluate to (.+) but got (.+)$`), "phải cho kết quả kiểu $1, nhưng cho $2"},
	{regexp.MustCompile(`^cannot be prepared: (.+)$`), "không chuẩn bị được: $1"},
	{regexp.MustCompile(`^cost cannot be estimated: (.+)$`), "không ước lượng được chi phí: $1"},
	{regexp.MustCompile(`^may cost up to (\d+) to evaluate, more than the limit of (\d+); bound the lists and texts it walks with max_items and max_length$`),
		"có thể tốn tới $1 khi tính, quá giới hạn $2; hãy giới hạn các danh sách và chuỗi mà biểu thức duyệt bằng max_items và max_length"},
}

// Problem is one of the checker's messages in the page's language.
func (l Lang) Problem(msg string) string {
	if l != Vietnamese {
		return msg
	}
	for _, w := range problemWords {
		if w.en.MatchString(msg) {
			return w.en.ReplaceAllString(msg, w.vi)
		}
	}
	return msg
}
