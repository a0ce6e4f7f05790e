"""The demo curriculum: four core modules (chủ đề) of three lessons each, in Vietnamese and English.

Data only; `cms/demo.py` loads it into Wagtail. Each page has a Vietnamese text ("vi", the source)
and its English translation ("en"). Lesson bodies are `(block type, value)` pairs with the values
of `courses.blocks.LESSON_BLOCKS`, except that an image or document is named by its key in
`IMAGES` / `DOCUMENTS`, and a check question's answers are `(text, is_correct, feedback)`.
The block templates already say "Right." / "Not quite." before feedback and "Myth." / "Fact."
before an explanation, so the texts here do not.

Written for pupils of grades 6 to 12 in Cần Thơ. Legal wording follows the Law on Gender Equality
(Luật Bình đẳng giới, 2006) and the Law on Children (Luật Trẻ em, 2016); the only phone numbers are
the real hotlines 1800 8065, 111 and 113. Teacher notes never reach pupils (see `for_audience`).
"""

# Pillow draws these (see cms.demo.draw_banner): a flat colour and a simple motif, no text.
PALETTE = ("#F28C28", "#1F8A70", "#F6D55C", "#ED6A8C")
IMAGES = {
    "cover-sex-and-gender": {
        "title": "Chủ đề Giới và giới tính – ảnh bìa",
        "filename": "chu-de-gioi-va-gioi-tinh.png",
        "motif": "circles",
        "background": "#4A1D5C",
        "colours": PALETTE,
    },
    "cover-housework": {
        "title": "Chủ đề Chia sẻ việc nhà – ảnh bìa",
        "filename": "chu-de-chia-se-viec-nha.png",
        "motif": "stripes",
        "background": "#1F8A70",
        "colours": ("#F6D55C", "#F28C28", "#FFFFFF"),
    },
    "cover-violence": {
        "title": "Chủ đề Nhận biết bạo lực và tìm kiếm sự giúp đỡ – ảnh bìa",
        "filename": "chu-de-bao-luc-tren-co-so-gioi.png",
        "motif": "shield",
        "background": "#2F6690",
        "colours": ("#F6D55C", "#FFFFFF", "#ED6A8C"),
    },
    "cover-leadership": {
        "title": "Chủ đề Bình đẳng ở trường học, nghề nghiệp và lãnh đạo – ảnh bìa",
        "filename": "chu-de-truong-hoc-nghe-nghiep-lanh-dao.png",
        "motif": "triangles",
        "background": "#FFF6E5",
        "colours": ("#7B2D8E", "#F28C28", "#1F8A70", "#ED6A8C", "#2F6690"),
    },
    "illustration-scale": {
        "title": "Minh họa: chiếc cân thăng bằng",
        "filename": "minh-hoa-can-thang-bang.png",
        "motif": "scale",
        "background": "#FFF6E5",
        "colours": ("#4A1D5C", "#F28C28", "#1F8A70", "#ED6A8C"),
    },
    "illustration-house": {
        "title": "Minh họa: ngôi nhà và hai người",
        "filename": "minh-hoa-ngoi-nha.png",
        "motif": "house",
        "background": "#E8F4F0",
        "colours": ("#ED6A8C", "#F6D55C", "#4A1D5C", "#1F8A70"),
    },
    "illustration-phone": {
        "title": "Minh họa: điện thoại và lời nói",
        "filename": "minh-hoa-dien-thoai.png",
        "motif": "phone",
        "background": "#4A1D5C",
        "colours": ("#2F6690", "#E8F4F0", "#F6D55C", "#4A1D5C"),
    },
}

DOCUMENTS = {
    "worksheet-chores-vi": {
        "title": "Phiếu học tập – Bảng phân công việc nhà",
        "filename": "phieu-hoc-tap-bang-phan-cong-viec-nha.txt",
        "text": (
            "PHIẾU HỌC TẬP: BẢNG PHÂN CÔNG VIỆC NHÀ CỦA GIA ĐÌNH EM\n"
            "Chủ đề: Chia sẻ việc nhà – Học Bình Đẳng\n\n"
            "Bước 1. Liệt kê mọi việc nhà trong một tuần (kể cả việc “vô hình” như nhắc lịch,\n"
            "        nhớ mua đồ dùng, kèm em học).\n"
            "Bước 2. Ước lượng mỗi việc mất bao nhiêu phút.\n"
            "Bước 3. Ghi lịch bận của từng người (đi học, đi làm, học thêm).\n"
            "Bước 4. Chia việc theo sức và lịch của từng người, KHÔNG theo con trai hay con gái.\n"
            "Bước 5. Luân phiên việc ít ai thích. Xem lại sau một tuần.\n\n"
            "Việc nhà           | Số phút | T2 | T3 | T4 | T5 | T6 | T7 | CN\n"
            "-------------------+---------+----+----+----+----+----+----+----\n"
            "Nấu cơm            |         |    |    |    |    |    |    |\n"
            "Rửa chén           |         |    |    |    |    |    |    |\n"
            "Giặt, phơi đồ      |         |    |    |    |    |    |    |\n"
            "Quét, lau nhà      |         |    |    |    |    |    |    |\n"
            "Đi chợ             |         |    |    |    |    |    |    |\n"
            "Đưa đón em nhỏ     |         |    |    |    |    |    |    |\n"
            "                   |         |    |    |    |    |    |    |\n\n"
            "Sau một tuần, cả nhà thấy điều gì đã thay đổi?\n"
            "..................................................................\n"
        ),
    },
    "worksheet-chores-en": {
        "title": "Worksheet – Household chores chart",
        "filename": "worksheet-household-chores-chart.txt",
        "text": (
            "WORKSHEET: OUR FAMILY'S CHORES CHART\n"
            "Topic: Sharing the work at home – Learn Equality\n\n"
            "Step 1. List every household task in a week (including 'invisible' ones such as\n"
            "        remembering appointments, buying supplies, helping with homework).\n"
            "Step 2. Estimate how many minutes each task takes.\n"
            "Step 3. Write down when each person is busy (school, work, extra classes).\n"
            "Step 4. Share tasks by each person's strength and timetable, NOT by boy or girl.\n"
            "Step 5. Take turns with the tasks nobody likes. Review after one week.\n\n"
            "Task               | Minutes | Mon| Tue| Wed| Thu| Fri| Sat| Sun\n"
            "-------------------+---------+----+----+----+----+----+----+----\n"
            "Cooking            |         |    |    |    |    |    |    |\n"
            "Washing up         |         |    |    |    |    |    |    |\n"
            "Laundry            |         |    |    |    |    |    |    |\n"
            "Sweeping, mopping  |         |    |    |    |    |    |    |\n"
            "Going to market    |         |    |    |    |    |    |    |\n"
            "Taking little ones |         |    |    |    |    |    |    |\n"
            "                   |         |    |    |    |    |    |    |\n\n"
            "After one week, what has changed for the family?\n"
            "..................................................................\n"
        ),
    },
}

CURRICULUM = {
    "vi": {
        "title": "Chủ đề học tập",
        "slug": "chu-de",
        "intro": (
            "<p>Bốn chủ đề cốt lõi về giới và bình đẳng giới dành cho học sinh từ lớp 6 đến lớp "
            "12. Mỗi chủ đề gồm ba bài học ngắn, có câu hỏi tự kiểm tra và tình huống để thảo "
            "luận cùng lớp.</p>"
        ),
    },
    "en": {
        "title": "Topics",
        "slug": "modules",
        "intro": (
            "<p>Four core topics on gender and gender equality for pupils from grade 6 to grade "
            "12. Each topic has three short lessons, with questions to check your understanding "
            "and situations to discuss in class.</p>"
        ),
    },
}

# --- Module 1: sex and gender -------------------------------------------------------------------

MODULE_SEX_AND_GENDER = {
    "cover": "cover-sex-and-gender",
    "grade_min": 6,
    "grade_max": 12,
    "minutes": 45,
    "is_core": True,
    "vi": {
        "title": "Giới và giới tính",
        "slug": "gioi-va-gioi-tinh",
        "summary": (
            "Phân biệt giới tính (đặc điểm sinh học) với giới (vai trò do xã hội tạo nên), nhận "
            "ra định kiến giới quanh em và hiểu vì sao vai trò giới có thể thay đổi."
        ),
        "objectives": (
            "Phân biệt được giới tính và giới, cho ví dụ về mỗi khái niệm.",
            "Nhận ra định kiến giới trong lời nói, trò đùa, sách báo và mạng xã hội.",
            "Giải thích được vì sao vai trò giới có thể thay đổi.",
            "Biết phản hồi tôn trọng khi bạn bè bị trêu vì “không giống con trai, con gái”.",
        ),
    },
    "en": {
        "title": "Sex and gender",
        "slug": "sex-and-gender",
        "summary": (
            "Tell sex (biological characteristics) from gender (roles made by society), spot "
            "the gender stereotypes around you and understand why gender roles can change."
        ),
        "objectives": (
            "Tell sex from gender and give an example of each.",
            "Spot gender stereotypes in what people say, in jokes, books and social media.",
            "Explain why gender roles can change.",
            "Respond respectfully when a friend is teased for not being 'like a boy' or "
            "'like a girl'.",
        ),
    },
    "lessons": (
        {
            "minutes": 15,
            "vi": {
                "title": "Giới tính và giới: khác nhau ở đâu?",
                "slug": "gioi-tinh-va-gioi",
                "summary": (
                    "Giới tính là đặc điểm sinh học; giới là vai trò, đặc điểm mà xã hội gán cho "
                    "nam và nữ. Hiểu sự khác nhau là bước đầu tiên để hiểu bình đẳng giới."
                ),
                "body": (
                    (
                        "paragraph",
                        "<p>Khi nghe hai từ “giới tính” và “giới”, nhiều bạn nghĩ chúng là "
                        "một. Thật ra đây là hai khái niệm khác nhau, và hiểu rõ sự khác nhau "
                        "ấy là bước đầu tiên để hiểu bình đẳng giới.</p>"
                        "<h3>Giới tính</h3>"
                        "<p><b>Giới tính</b> là những đặc điểm sinh học của nam và nữ: cơ quan "
                        "sinh dục, hoóc-môn, khả năng mang thai và sinh con của phụ nữ, khả năng "
                        "tạo ra tinh trùng của nam giới. Những đặc điểm này có từ khi sinh ra và "
                        "giống nhau ở mọi nơi trên thế giới.</p>"
                        "<h3>Giới</h3>"
                        "<p><b>Giới</b> là những đặc điểm, vị trí, vai trò mà xã hội gán cho nam "
                        "và nữ: con trai “phải” mạnh mẽ, con gái “phải” dịu dàng; đàn ông lo "
                        "kiếm tiền, phụ nữ lo nội trợ. Những điều này không có sẵn trong cơ thể "
                        "mà do con người học từ gia đình, nhà trường, phim ảnh, mạng xã hội. Vì "
                        "là học mà có, chúng khác nhau giữa các nền văn hóa và thay đổi theo "
                        "thời gian.</p>",
                    ),
                    (
                        "key_fact",
                        {
                            "title": "Luật Bình đẳng giới năm 2006 định nghĩa",
                            "text": "<p><b>Giới</b> chỉ đặc điểm, vị trí, vai trò của nam và "
                            "nữ trong tất cả các mối quan hệ xã hội.</p>"
                            "<p><b>Giới tính</b> chỉ các đặc điểm sinh học của nam, nữ.</p>",
                        },
                    ),
                    (
                        "paragraph",
                        "<p>Một ví dụ dễ thấy: chỉ phụ nữ mới có thể mang thai và cho con bú, đó "
                        "là giới tính. Nhưng ru con ngủ, thay tã, nấu cháo cho con thì bố cũng "
                        "làm được như mẹ, đó là vai trò giới. Ở nhiều gia đình Cần Thơ bây giờ, "
                        "bố đưa con đi học trong khi mẹ đi làm ca ở khu công nghiệp Trà Nóc là "
                        "chuyện bình thường.</p>",
                    ),
                    (
                        "myth_or_fact",
                        {
                            "statement": "Con gái sinh ra đã khéo nấu ăn hơn con trai.",
                            "verdict": "myth",
                            "explanation": "<p>Nấu ăn là kỹ năng học được. Nhiều bạn gái nấu "
                            "giỏi vì được giao việc bếp từ nhỏ, còn nhiều bạn trai chưa từng "
                            "được tập. Không ít đầu bếp nổi tiếng là nam giới. Ai được luyện tập "
                            "cũng có thể nấu ngon.</p>",
                        },
                    ),
                    (
                        "check_question",
                        {
                            "question": "Điều nào dưới đây nói về giới tính (đặc điểm sinh "
                            "học), không phải về giới?",
                            "choices": (
                                (
                                    "Phụ nữ có thể mang thai và sinh con.",
                                    True,
                                    "Đây là đặc điểm sinh học, không do xã hội quy định.",
                                ),
                                (
                                    "Con trai thì không được khóc.",
                                    False,
                                    "Đây là một quan niệm của xã hội về con trai, tức là về giới.",
                                ),
                                (
                                    "Phụ nữ nên ở nhà lo việc nội trợ.",
                                    False,
                                    "Đây là vai trò mà xã hội gán cho phụ nữ, và nó "
                                    "có thể thay đổi.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p><b>Gợi ý tổ chức (15–20 phút):</b> kẻ bảng hai cột "
                            "“Giới tính” và “Giới”. Đọc to từng cụm từ (có râu, làm lớp trưởng, "
                            "mang thai, thích màu hồng, nấu ăn, giọng trầm, chơi bóng đá) để học "
                            "sinh xếp vào cột. Kết luận: những gì ở cột “Giới” đều có thể thay "
                            "đổi.</p>"
                            "<p><b>Lưu ý:</b> không lấy học sinh cụ thể trong lớp làm ví dụ về "
                            "“không giống con trai, con gái”; không để lớp cười cợt về cơ thể hay "
                            "ngoại hình. Nếu học sinh hỏi những câu riêng tư về cơ thể hoặc về "
                            "bản dạng giới, trả lời ngắn gọn, tôn trọng và mời em trao đổi riêng "
                            "hoặc gặp cán bộ tư vấn tâm lý của trường.</p>",
                        },
                    ),
                ),
            },
            "en": {
                "title": "Sex and gender: what is the difference?",
                "slug": "sex-or-gender",
                "summary": (
                    "Sex is biological; gender is the roles and traits society assigns to men "
                    "and women. Seeing the difference is the first step to understanding gender "
                    "equality."
                ),
                "body": (
                    (
                        "paragraph",
                        "<p>When they hear the words “sex” and “gender”, many people think they "
                        "mean the same thing. In fact they are two different ideas, and seeing "
                        "the difference is the first step to understanding gender equality.</p>"
                        "<h3>Sex</h3>"
                        "<p><b>Sex</b> means the biological characteristics of men and women: "
                        "reproductive organs, hormones, a woman's ability to become pregnant and "
                        "give birth, a man's ability to produce sperm. These are there from "
                        "birth and are the same everywhere in the world.</p>"
                        "<h3>Gender</h3>"
                        "<p><b>Gender</b> means the traits, positions and roles that society "
                        "assigns to men and women: boys “must” be strong, girls “must” be "
                        "gentle; men earn the money, women run the home. None of this is built "
                        "into the body: people learn it from family, school, films and social "
                        "media. Because it is learned, it differs between cultures and changes "
                        "over time.</p>",
                    ),
                    (
                        "key_fact",
                        {
                            "title": "How the 2006 Law on Gender Equality defines them",
                            "text": "<p><b>Gender</b> refers to the characteristics, positions "
                            "and roles of men and women in all social relations.</p>"
                            "<p><b>Sex</b> refers to the biological characteristics of men and "
                            "women.</p>",
                        },
                    ),
                    (
                        "paragraph",
                        "<p>An easy example: only women can become pregnant and breastfeed; that "
                        "is sex. But rocking a baby to sleep, changing nappies and cooking rice "
                        "porridge can be done by a father as well as a mother; those are gender "
                        "roles. In many Cần Thơ families today it is quite normal for the father "
                        "to take the children to school while the mother works a shift at the "
                        "Trà Nóc industrial park.</p>",
                    ),
                    (
                        "myth_or_fact",
                        {
                            "statement": "Girls are born better at cooking than boys.",
                            "verdict": "myth",
                            "explanation": "<p>Cooking is a skill that is learned. Many girls "
                            "cook well because they were given kitchen work from an early age, "
                            "while many boys were never taught. Plenty of famous chefs are men. "
                            "Anyone who practises can cook well.</p>",
                        },
                    ),
                    (
                        "check_question",
                        {
                            "question": "Which of these is about sex (biology), not about gender?",
                            "choices": (
                                (
                                    "Women can become pregnant and give birth.",
                                    True,
                                    "This is a biological characteristic, not something "
                                    "society decides.",
                                ),
                                (
                                    "Boys must not cry.",
                                    False,
                                    "This is a social idea about boys, so it is about gender.",
                                ),
                                (
                                    "Women should stay at home and do the housework.",
                                    False,
                                    "This is a role society assigns to women, and it can change.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p><b>Suggested activity (15–20 minutes):</b> draw two "
                            "columns on the board, “Sex” and “Gender”. Read out one phrase at a "
                            "time (has a beard, is class monitor, becomes pregnant, likes pink, "
                            "cooks, has a deep voice, plays football) and let pupils place it. "
                            "Conclude: everything in the “Gender” column can change.</p>"
                            "<p><b>Take care:</b> never use a pupil in the class as an example "
                            "of not being “like a boy” or “like a girl”, and do not let the class "
                            "laugh about bodies or looks. If a pupil asks a personal question "
                            "about their body or gender identity, answer briefly and "
                            "respectfully and offer to talk in private or with the school "
                            "counsellor.</p>",
                        },
                    ),
                ),
            },
        },
        {
            "minutes": 15,
            "vi": {
                "title": "Định kiến giới quanh em",
                "slug": "dinh-kien-gioi",
                "summary": (
                    "“Con trai không được khóc”, “con gái học kỹ thuật làm gì”: nhận ra định kiến "
                    "giới trong đời sống hằng ngày và tác hại của chúng."
                ),
                "body": (
                    (
                        "paragraph",
                        "<p>“Con trai mà chơi búp bê à?”, “Con gái học khối A làm gì, khó lắm!”, "
                        "“Con trai thì không được khóc”. Chắc em đã từng nghe những câu như vậy. "
                        "Chúng là <b>định kiến giới</b>: cách nghĩ cứng nhắc, thiên lệch cho "
                        "rằng nam hay nữ chỉ hợp với một số việc, một số tính cách.</p>"
                        "<p>Định kiến giới thường không xuất phát từ ác ý. Chúng được lặp lại qua "
                        "nhiều thế hệ, trong câu nói của người lớn, trong truyện tranh, quảng "
                        "cáo và cả trò đùa của bạn bè. Nhưng tác hại của chúng là có thật: bạn "
                        "nữ ngại chọn môn Tin học vì sợ “không hợp”, bạn nam giấu nỗi buồn vì sợ "
                        "bị chê yếu đuối, bạn nào khác với khuôn mẫu thì bị trêu chọc.</p>",
                    ),
                    (
                        "key_fact",
                        {
                            "title": "Định kiến giới là gì?",
                            "text": "<p>Theo Luật Bình đẳng giới, định kiến giới là nhận thức, "
                            "thái độ và đánh giá thiên lệch, tiêu cực về đặc điểm, vị trí, vai "
                            "trò và năng lực của nam hoặc nữ.</p>",
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "Đội văn nghệ của Minh",
                            "situation": "<p>Minh học lớp 7 ở một trường THCS tại phường Cái "
                            "Khế. Minh rất thích múa và muốn vào đội văn nghệ của trường để tập "
                            "cho lễ kỷ niệm 20/11. Khi Minh ghi tên, vài bạn nam trong lớp cười "
                            "ầm lên: “Múa là của con gái, mày đổi tên thành Mi luôn đi!”. Từ hôm "
                            "đó Minh ngại đi tập.</p>",
                            "questions": (
                                "Các bạn trong lớp đang dựa vào định kiến giới nào?",
                                "Minh có thể cảm thấy thế nào? Việc bị trêu ảnh hưởng ra sao "
                                "đến Minh?",
                                "Nếu là bạn cùng lớp của Minh, em có thể nói hoặc làm gì?",
                                "Lớp em có thể thống nhất quy tắc nào để không ai bị trêu vì sở "
                                "thích của mình?",
                            ),
                        },
                    ),
                    (
                        "myth_or_fact",
                        {
                            "statement": "Con trai học Toán giỏi hơn con gái.",
                            "verdict": "myth",
                            "explanation": "<p>Khả năng học Toán không do giới tính quyết định. "
                            "Các nghiên cứu quốc tế cho thấy chênh lệch điểm Toán giữa học sinh "
                            "nam và nữ rất nhỏ, khác nhau giữa các nước, và thu hẹp lại khi các "
                            "em gái được tin tưởng, khuyến khích như các em trai. Lớp nào cũng có "
                            "bạn nữ giỏi Toán và bạn nam giỏi Văn.</p>",
                        },
                    ),
                    (
                        "check_question",
                        {
                            "question": "Câu nào dưới đây thể hiện định kiến giới?",
                            "choices": (
                                (
                                    "Con gái thì không nên học ngành kỹ thuật.",
                                    True,
                                    "Câu này cho rằng con gái không hợp với kỹ thuật chỉ "
                                    "vì là con gái.",
                                ),
                                (
                                    "Lan học giỏi Hóa vì chăm làm bài tập.",
                                    False,
                                    "Câu này nói về nỗ lực của một bạn cụ thể, không "
                                    "gán điều gì cho cả giới nữ.",
                                ),
                                (
                                    "Ai cũng có thể buồn và khóc khi gặp chuyện không vui.",
                                    False,
                                    "Điều này đúng với mọi người, không phân biệt nam hay nữ.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p>Mở đầu bằng trò chơi “Em đã nghe câu này ở đâu?”: đọc "
                            "vài câu định kiến quen thuộc và hỏi học sinh đã nghe ở đâu. Mục "
                            "tiêu là nhận ra định kiến, <b>không phải phê phán người nói</b> "
                            "(thường là ông bà, cha mẹ các em): người lớn nói vậy vì họ cũng đã "
                            "được dạy như vậy.</p>"
                            "<p>Khi thảo luận tình huống của Minh, để ý xem trong lớp có học "
                            "sinh nào đang bị trêu chọc tương tự không. Nếu việc trêu chọc kéo "
                            "dài, mang tính xúc phạm hoặc diễn ra trên mạng, hãy trao đổi riêng "
                            "với học sinh đó, báo giáo viên chủ nhiệm và cán bộ tư vấn tâm lý "
                            "của trường để xử lý như một vụ bắt nạt.</p>",
                        },
                    ),
                ),
            },
            "en": {
                "title": "Gender stereotypes around us",
                "slug": "gender-stereotypes",
                "summary": (
                    "“Boys don't cry”, “why would a girl study engineering?”: spot the gender "
                    "stereotypes in everyday life and the harm they do."
                ),
                "body": (
                    (
                        "paragraph",
                        "<p>“A boy playing with dolls?”, “Why would a girl take the science "
                        "stream? It's too hard!”, “Boys don't cry.” You have probably heard "
                        "sayings like these. They are <b>gender stereotypes</b>: rigid, biased "
                        "ideas that men or women are only suited to certain tasks and certain "
                        "personalities.</p>"
                        "<p>Stereotypes are usually not meant unkindly. They are repeated from "
                        "one generation to the next, in what adults say, in comics, in "
                        "advertising and in friends' jokes. But the harm is real: girls hesitate "
                        "to choose computing because it is “not for them”, boys hide their "
                        "sadness for fear of being called weak, and anyone who does not fit the "
                        "mould gets teased.</p>",
                    ),
                    (
                        "key_fact",
                        {
                            "title": "What is a gender stereotype?",
                            "text": "<p>Under the Law on Gender Equality, a gender stereotype "
                            "(định kiến giới) is a biased, negative perception, attitude or "
                            "judgement of the characteristics, position, role or abilities of "
                            "men or of women.</p>",
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "Minh and the school dance group",
                            "situation": "<p>Minh is in grade 7 at a lower secondary school in "
                            "Cái Khế ward. He loves dancing and wants to join the school's "
                            "performing group to rehearse for the Teachers' Day celebration on "
                            "20 November. When he signs up, some boys in his class burst out "
                            "laughing: “Dancing is for girls, you might as well change your name "
                            "to Mi!” Since then Minh has been too embarrassed to go to "
                            "rehearsals.</p>",
                            "questions": (
                                "Which gender stereotype are the classmates relying on?",
                                "How might Minh feel? How could the teasing affect him?",
                                "If you were Minh's classmate, what could you say or do?",
                                "What rule could your class agree on so that nobody is teased "
                                "for what they like?",
                            ),
                        },
                    ),
                    (
                        "myth_or_fact",
                        {
                            "statement": "Boys are better at maths than girls.",
                            "verdict": "myth",
                            "explanation": "<p>Being good at maths is not decided by sex. "
                            "International studies show that the gap in maths scores between "
                            "boys and girls is very small, differs from country to country, and "
                            "narrows when girls are trusted and encouraged as much as boys. "
                            "Every class has girls who are strong at maths and boys who are "
                            "strong at literature.</p>",
                        },
                    ),
                    (
                        "check_question",
                        {
                            "question": "Which sentence expresses a gender stereotype?",
                            "choices": (
                                (
                                    "Girls should not study engineering.",
                                    True,
                                    "It says girls are unsuited to engineering just "
                                    "because they are girls.",
                                ),
                                (
                                    "Lan is good at chemistry because she does her homework.",
                                    False,
                                    "This is about one pupil's effort; it says "
                                    "nothing about girls as a group.",
                                ),
                                (
                                    "Anyone can feel sad and cry when something bad happens.",
                                    False,
                                    "This is true of everyone, boys and girls alike.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p>Open with the game “Where have you heard this?”: read "
                            "out a few familiar stereotypes and ask where pupils heard them. The "
                            "aim is to recognise stereotypes, <b>not to criticise the people who "
                            "say them</b> (often the pupils' own grandparents and parents): "
                            "adults say these things because they were taught them too.</p>"
                            "<p>While discussing Minh's story, watch for any pupil in the class "
                            "who is teased in a similar way. If teasing goes on, is insulting or "
                            "happens online, talk to the pupil privately and tell the form "
                            "teacher and the school counsellor, so that it is handled as "
                            "bullying.</p>",
                        },
                    ),
                ),
            },
        },
        {
            "minutes": 15,
            "vi": {
                "title": "Vai trò giới có thể thay đổi",
                "slug": "vai-tro-gioi-thay-doi",
                "summary": (
                    "Vai trò giới do xã hội tạo nên nên có thể thay đổi. Bình đẳng giới là khi "
                    "không ai bị giới hạn cơ hội vì mình là nam hay nữ."
                ),
                "body": (
                    (
                        "paragraph",
                        "<p>Hãy hỏi ông bà em: ngày xưa, trong xóm mình có bao nhiêu bạn gái "
                        "được học hết cấp ba? Có cô kỹ sư, cô bác sĩ nào không? Có ông bố nào "
                        "tự nấu cơm cho con không? Câu trả lời có lẽ sẽ rất khác với bây "
                        "giờ.</p>"
                        "<p>Vai trò giới do xã hội tạo nên, nên nó có thể thay đổi. Trước đây "
                        "nhiều người nghĩ con gái không cần học cao, “đằng nào cũng đi lấy "
                        "chồng”. Ngày nay, giảng đường các trường đại học ở Cần Thơ có rất đông "
                        "nữ sinh; nhiều phụ nữ là kỹ sư, bác sĩ, công an, lãnh đạo phường, xã. "
                        "Ngược lại, nhiều nam giới làm điều dưỡng, giáo viên mầm non, đầu bếp, "
                        "và nhiều ông bố tự tin chăm con nhỏ.</p>",
                    ),
                    (
                        "image",
                        {
                            "image": "illustration-scale",
                            "alt_text": "Hình minh họa: chiếc cân có hai đĩa cân nằm ngang "
                            "bằng nhau.",
                            "caption": "Bình đẳng giới: nam và nữ có vị trí, vai trò và cơ hội "
                            "ngang nhau.",
                        },
                    ),
                    (
                        "key_fact",
                        {
                            "title": "Bình đẳng giới nghĩa là gì?",
                            "text": "<p>Theo Luật Bình đẳng giới năm 2006, bình đẳng giới là "
                            "việc nam, nữ có vị trí, vai trò ngang nhau, được tạo điều kiện và "
                            "cơ hội phát huy năng lực của mình cho sự phát triển của cộng đồng, "
                            "của gia đình và thụ hưởng như nhau về thành quả của sự phát triển "
                            "đó.</p>"
                            "<p>Bình đẳng giới không có nghĩa là nam và nữ phải giống hệt nhau, "
                            "mà là không ai bị giới hạn cơ hội vì mình là nam hay nữ.</p>",
                        },
                    ),
                    (
                        "paragraph",
                        "<p>Thay đổi không tự đến. Nó bắt đầu từ những việc nhỏ: một người mẹ "
                        "động viên con gái thi vào lớp chuyên Tin, một người bố đi họp phụ "
                        "huynh và ở lại dọn dẹp cùng cô giáo, một nhóm bạn không cười khi một "
                        "bạn nam chọn học nấu ăn. Mỗi lựa chọn như vậy làm khuôn mẫu cũ lỏng ra "
                        "một chút.</p>",
                    ),
                    (
                        "scenario",
                        {
                            "title": "Chuyến đi học xa của Lan",
                            "situation": "<p>Lan học lớp 12 ở xã Thới Lai, vừa đậu nguyện vọng "
                            "một vào ngành Cơ khí của một trường đại học ở Thành phố Hồ Chí "
                            "Minh. Bà nội nói: “Con gái học gần nhà cho yên tâm, học cơ khí chi "
                            "cho cực”. Năm ngoái, anh họ của Lan đi học xa thì cả nhà đều "
                            "mừng.</p>",
                            "questions": (
                                "Vì sao bà nội lại lo lắng khác nhau cho Lan và cho anh họ?",
                                "Lan có thể nói gì để bà hiểu và yên tâm hơn?",
                                "Gia đình có thể hỗ trợ thế nào để Lan vừa an toàn, vừa theo "
                                "được ngành mình chọn?",
                            ),
                        },
                    ),
                    (
                        "check_question",
                        {
                            "question": "Vì sao vai trò giới có thể thay đổi?",
                            "choices": (
                                (
                                    "Vì vai trò giới do xã hội tạo nên và được học từ gia đình, "
                                    "nhà trường, cộng đồng.",
                                    True,
                                    "Điều gì học được thì có thể học lại khi quan niệm "
                                    "của xã hội thay đổi.",
                                ),
                                (
                                    "Vì cơ thể nam và nữ thay đổi theo thời gian.",
                                    False,
                                    "Vai trò giới không do đặc điểm sinh học quyết định.",
                                ),
                                (
                                    "Vì pháp luật quy định mỗi người phải đổi vai trò.",
                                    False,
                                    "Pháp luật bảo đảm cơ hội ngang nhau, không bắt "
                                    "ai phải làm việc gì.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p>Có thể giao bài về nhà: học sinh hỏi một người lớn "
                            "tuổi trong gia đình ba câu hỏi ở đầu bài rồi chia sẻ ở tiết sau. "
                            "Nhắc các em tôn trọng câu trả lời của người được hỏi.</p>"
                            "<p>Tình huống của Lan chạm đến những lo lắng có thật của gia đình "
                            "(an toàn, chi phí). Hướng thảo luận tới giải pháp, không đổ lỗi cho "
                            "bà. Nếu biết học sinh đang bị gia đình ép bỏ học hoặc ép kết hôn "
                            "sớm, trao đổi riêng với em, báo Ban giám hiệu để phối hợp với địa "
                            "phương, và có thể hướng dẫn em gọi Tổng đài quốc gia bảo vệ trẻ em "
                            "111.</p>",
                        },
                    ),
                ),
            },
            "en": {
                "title": "Gender roles can change",
                "slug": "gender-roles-change",
                "summary": (
                    "Gender roles are made by society, so they can change. Gender equality means "
                    "nobody's chances are limited because they are a man or a woman."
                ),
                "body": (
                    (
                        "paragraph",
                        "<p>Ask your grandparents: in the old days, how many girls in the "
                        "neighbourhood finished upper secondary school? Were there any women "
                        "engineers or doctors? Did any fathers cook for their children? The "
                        "answers will probably be very different from today.</p>"
                        "<p>Gender roles are made by society, so they can change. Many people "
                        "used to think girls did not need much schooling, “they will get married "
                        "anyway”. Today the lecture halls of Cần Thơ's universities are full of "
                        "female students, and many women are engineers, doctors, police officers "
                        "and ward or commune leaders. Many men, for their part, work as nurses, "
                        "preschool teachers and cooks, and many fathers confidently look after "
                        "babies.</p>",
                    ),
                    (
                        "image",
                        {
                            "image": "illustration-scale",
                            "alt_text": "Illustration: a balance scale with its two pans level.",
                            "caption": "Gender equality: men and women with equal positions, "
                            "roles and chances.",
                        },
                    ),
                    (
                        "key_fact",
                        {
                            "title": "What does gender equality mean?",
                            "text": "<p>Under the 2006 Law on Gender Equality, gender equality "
                            "means that men and women have equal positions and roles, are given "
                            "the conditions and opportunities to use their abilities for the "
                            "development of the community and the family, and benefit equally "
                            "from the results of that development.</p>"
                            "<p>It does not mean that men and women must be identical; it means "
                            "that nobody's chances are limited because they are a man or a "
                            "woman.</p>",
                        },
                    ),
                    (
                        "paragraph",
                        "<p>Change does not happen by itself. It starts with small things: a "
                        "mother who encourages her daughter to sit the entrance exam for the "
                        "specialised computing class, a father who goes to the parents' meeting "
                        "and stays to help the teacher tidy up, a group of friends who do not "
                        "laugh when a boy chooses a cooking class. Each choice like this loosens "
                        "the old mould a little.</p>",
                    ),
                    (
                        "scenario",
                        {
                            "title": "Lan's place at a university far from home",
                            "situation": "<p>Lan is in grade 12 in Thới Lai commune and has "
                            "just won a place, her first choice, to study mechanical engineering "
                            "at a university in Hồ Chí Minh City. Her grandmother says: “A girl "
                            "should study close to home so we don't worry. Why choose mechanics, "
                            "it's such hard work.” Last year, when Lan's male cousin went away to "
                            "study, the whole family was delighted.</p>",
                            "questions": (
                                "Why does the grandmother worry differently about Lan and about "
                                "her cousin?",
                                "What could Lan say to help her grandmother understand and feel "
                                "reassured?",
                                "How could the family help Lan stay safe and still study what "
                                "she chose?",
                            ),
                        },
                    ),
                    (
                        "check_question",
                        {
                            "question": "Why can gender roles change?",
                            "choices": (
                                (
                                    "Because they are made by society and learned from family, "
                                    "school and community.",
                                    True,
                                    "What is learned can be relearned as society's ideas change.",
                                ),
                                (
                                    "Because men's and women's bodies change over time.",
                                    False,
                                    "Gender roles are not decided by biology.",
                                ),
                                (
                                    "Because the law makes everyone swap roles.",
                                    False,
                                    "The law guarantees equal chances; it does not "
                                    "force anyone into any task.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p>Possible homework: pupils ask an older relative the "
                            "three questions at the start of the lesson and share the answers "
                            "next time. Remind them to respect the answers they get.</p>"
                            "<p>Lan's story touches on real family worries (safety, cost). Steer "
                            "the discussion toward solutions, not toward blaming the "
                            "grandmother. If you learn that a pupil is being pushed by their "
                            "family to leave school or to marry early, talk to them privately, "
                            "inform the school leadership so that it can work with the local "
                            "authorities, and tell the pupil about the national child protection "
                            "line 111.</p>",
                        },
                    ),
                ),
            },
        },
    ),
}

# --- Module 2: sharing the work at home ---------------------------------------------------------

MODULE_HOUSEWORK = {
    "cover": "cover-housework",
    "grade_min": 6,
    "grade_max": 12,
    "minutes": 50,
    "is_core": True,
    "vi": {
        "title": "Chia sẻ việc nhà",
        "slug": "chia-se-viec-nha",
        "summary": (
            "Việc nhà là việc của cả nhà. Nhìn lại ai đang làm gì trong gia đình em, cùng lập "
            "bảng phân công công bằng và bảo vệ thời gian học tập, vui chơi của mọi bạn."
        ),
        "objectives": (
            "Kể được các việc nhà, kể cả việc chăm sóc “vô hình”, và ai thường đảm nhận.",
            "Giải thích vì sao chia sẻ việc nhà là biểu hiện của bình đẳng giới.",
            "Cùng gia đình lập bảng phân công việc nhà theo sức và lịch của từng người.",
            "Biết tìm sự hỗ trợ khi việc nhà làm em mất thời gian học tập, nghỉ ngơi.",
        ),
    },
    "en": {
        "title": "Sharing the work at home",
        "slug": "sharing-housework",
        "summary": (
            "Housework is everyone's work. Look at who does what in your family, draw up a fair "
            "chores chart together and protect every child's time to study and play."
        ),
        "objectives": (
            "List household tasks, including “invisible” care work, and who usually does them.",
            "Explain why sharing housework is part of gender equality.",
            "Draw up a chores chart with your family, by each person's strength and timetable.",
            "Know where to get support when housework takes away your time to study and rest.",
        ),
    },
    "lessons": (
        {
            "minutes": 15,
            "vi": {
                "title": "Việc nhà là việc của cả nhà",
                "slug": "viec-nha-la-viec-cua-ca-nha",
                "summary": (
                    "Nấu cơm, rửa chén, đưa đón em: những việc không được trả lương nhưng không "
                    "thể thiếu. Vì sao chúng cần được chia đều cho mọi thành viên?"
                ),
                "body": (
                    (
                        "paragraph",
                        "<p>Mỗi ngày trong nhà em có bao nhiêu việc phải làm? Nấu cơm, rửa chén, "
                        "giặt đồ, quét nhà, đi chợ, đưa đón em nhỏ, chăm ông bà, cho gà vịt ăn, "
                        "tưới rau... Những việc này không được trả lương nhưng rất cần thiết: "
                        "thiếu chúng, không ai có thể đi học, đi làm đúng giờ.</p>"
                        "<p>Ở nhiều gia đình, phần lớn việc nhà do mẹ, bà hoặc chị gái đảm "
                        "nhận, dù họ cũng đi làm, buôn bán hay đi học như mọi người. Các khảo "
                        "sát ở Việt Nam đều cho thấy phụ nữ dành nhiều thời gian cho việc nhà và "
                        "chăm sóc không được trả công hơn hẳn nam giới. Khi một người phải gánh "
                        "quá nhiều, người đó còn ít thời gian để nghỉ ngơi, học tập và phát "
                        "triển bản thân.</p>",
                    ),
                    (
                        "image",
                        {
                            "image": "illustration-house",
                            "alt_text": "Hình minh họa: một ngôi nhà đơn giản, hai bên là hai "
                            "người cao bằng nhau.",
                            "caption": "Việc nhà là việc chung của mọi thành viên.",
                        },
                    ),
                    (
                        "key_fact",
                        {
                            "title": "Pháp luật nói gì?",
                            "text": "<p>Luật Bình đẳng giới năm 2006 quy định: các thành viên "
                            "nam, nữ trong gia đình có trách nhiệm chia sẻ công việc gia đình; "
                            "con trai, con gái được gia đình chăm sóc, giáo dục và tạo điều kiện "
                            "như nhau để học tập, lao động, vui chơi, giải trí và phát "
                            "triển.</p>",
                        },
                    ),
                    (
                        "myth_or_fact",
                        {
                            "statement": "Đàn ông làm việc nhà là “sợ vợ”, mất thể diện.",
                            "verdict": "myth",
                            "explanation": "<p>Làm việc nhà là chăm lo cho chính ngôi nhà mình "
                            "đang sống. Người chồng, người cha cùng nấu cơm, giặt đồ, kèm con "
                            "học là người có trách nhiệm, được vợ con yêu quý và tôn trọng. "
                            "Những gia đình cùng chia sẻ việc nhà thường ít căng thẳng, mâu "
                            "thuẫn hơn.</p>",
                        },
                    ),
                    (
                        "check_question",
                        {
                            "question": "Vì sao các thành viên trong gia đình cần chia sẻ việc "
                            "nhà?",
                            "choices": (
                                (
                                    "Để không ai phải gánh quá nhiều và ai cũng có thời gian học "
                                    "tập, nghỉ ngơi.",
                                    True,
                                    "Chia sẻ việc nhà giúp cả nhà công bằng và gắn bó hơn.",
                                ),
                                (
                                    "Vì việc nhà là việc của phụ nữ, nam giới chỉ giúp khi rảnh.",
                                    False,
                                    "Việc nhà là trách nhiệm chung, không phải việc "
                                    "riêng của phụ nữ.",
                                ),
                                (
                                    "Vì trẻ em phải làm thay người lớn.",
                                    False,
                                    "Trẻ em làm việc vừa sức, không làm thay người "
                                    "lớn và không để ảnh hưởng việc học.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p><b>Khởi động (10 phút):</b> mỗi học sinh liệt kê 5 "
                            "việc nhà hằng ngày và ghi ai trong nhà thường làm. Tổng hợp nhanh "
                            "trên bảng (không ghi tên học sinh) để cả lớp tự nhận ra sự chênh "
                            "lệch.</p>"
                            "<p>Lưu ý hoàn cảnh khác nhau: có em sống với ông bà, với bố hoặc mẹ "
                            "đơn thân, có em phải làm nhiều việc vì gia đình khó khăn. Không so "
                            "sánh, không để học sinh nào xấu hổ. Nếu phát hiện học sinh phải lao "
                            "động quá sức, nghỉ học để làm việc hoặc bị đánh khi chưa làm xong "
                            "việc nhà, trao đổi với giáo viên chủ nhiệm và cán bộ tư vấn tâm lý; "
                            "khi cần, gọi tổng đài 111 để được hướng dẫn.</p>",
                        },
                    ),
                ),
            },
            "en": {
                "title": "Housework is everyone's work",
                "slug": "housework-is-everyones-work",
                "summary": (
                    "Cooking, washing up, taking little ones to school: unpaid but essential "
                    "work. Why should it be shared among everyone at home?"
                ),
                "body": (
                    (
                        "paragraph",
                        "<p>How many jobs need doing in your home each day? Cooking, washing up, "
                        "laundry, sweeping, going to market, taking younger children to school, "
                        "looking after grandparents, feeding the chickens and ducks, watering "
                        "the vegetables... Nobody is paid for this work, but it is essential: "
                        "without it nobody could get to school or work on time.</p>"
                        "<p>In many families most of the housework falls to the mother, the "
                        "grandmother or an older sister, even though they also go out to work, "
                        "trade or study like everyone else. Surveys in Vietnam consistently show "
                        "that women spend far more time than men on unpaid housework and care. "
                        "When one person carries too much, they have less time to rest, learn "
                        "and grow.</p>",
                    ),
                    (
                        "image",
                        {
                            "image": "illustration-house",
                            "alt_text": "Illustration: a simple house with two people of the same "
                            "height standing on either side.",
                            "caption": "Housework is shared work for everyone at home.",
                        },
                    ),
                    (
                        "key_fact",
                        {
                            "title": "What does the law say?",
                            "text": "<p>The 2006 Law on Gender Equality says that male and "
                            "female family members are responsible for sharing the housework, "
                            "and that sons and daughters are to be cared for, educated and given "
                            "the same conditions to study, work, play, relax and develop.</p>",
                        },
                    ),
                    (
                        "myth_or_fact",
                        {
                            "statement": "A man who does housework is “afraid of his wife” and "
                            "loses face.",
                            "verdict": "myth",
                            "explanation": "<p>Doing housework means looking after the home you "
                            "live in. A husband and father who cooks, does the laundry and helps "
                            "the children with homework is responsible, and is loved and "
                            "respected for it. Families who share housework tend to have less "
                            "stress and fewer quarrels.</p>",
                        },
                    ),
                    (
                        "check_question",
                        {
                            "question": "Why should family members share the housework?",
                            "choices": (
                                (
                                    "So that nobody carries too much and everyone has time to "
                                    "study and rest.",
                                    True,
                                    "Sharing the housework makes a family fairer and closer.",
                                ),
                                (
                                    "Because housework is women's work and men only help when "
                                    "they are free.",
                                    False,
                                    "Housework is a shared responsibility, not women's job.",
                                ),
                                (
                                    "Because children must do the adults' work for them.",
                                    False,
                                    "Children do tasks suited to their age, never "
                                    "instead of adults, and never at the cost of school.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p><b>Warm-up (10 minutes):</b> each pupil lists five "
                            "daily household tasks and who usually does them at home. Tally the "
                            "answers on the board (no names) so that the class sees the "
                            "imbalance for itself.</p>"
                            "<p>Families differ: some pupils live with grandparents or with one "
                            "parent, some do a lot of work because the family is poor. Do not "
                            "compare, and never let a pupil be shamed. If you find that a pupil "
                            "works beyond their strength, misses school to work, or is beaten "
                            "for not finishing chores, talk to the form teacher and the school "
                            "counsellor; if needed, call the 111 line for guidance.</p>",
                        },
                    ),
                ),
            },
        },
        {
            "minutes": 20,
            "vi": {
                "title": "Lập bảng phân công việc nhà",
                "slug": "bang-phan-cong-viec-nha",
                "summary": (
                    "Năm bước để cả nhà cùng lập một bảng phân công việc nhà công bằng, theo sức "
                    "và lịch của từng người chứ không theo con trai hay con gái."
                ),
                "body": (
                    (
                        "paragraph",
                        "<p>Chia sẻ việc nhà sẽ dễ hơn nhiều khi cả nhà cùng ngồi lại và thống "
                        "nhất ai làm gì. Một bảng phân công dán trên tủ lạnh hay cạnh bàn học "
                        "giúp mọi người nhớ việc của mình, và tránh cảnh “ai cũng nghĩ người "
                        "khác sẽ làm”.</p>"
                        "<h3>Năm bước lập bảng phân công</h3>"
                        "<ol><li><b>Liệt kê</b> mọi việc nhà trong một tuần, kể cả việc “vô "
                        "hình” như nhắc lịch uống thuốc của ông bà hay nhớ mua bình gas.</li>"
                        "<li><b>Ước lượng thời gian</b> mỗi việc mất bao lâu.</li>"
                        "<li><b>Chia theo sức và lịch</b> của từng người (giờ đi học, đi làm, "
                        "học thêm), không chia theo con trai hay con gái.</li>"
                        "<li><b>Luân phiên</b> những việc ít ai thích, như rửa chén hay cọ nhà "
                        "vệ sinh.</li>"
                        "<li><b>Xem lại</b> sau một tuần và điều chỉnh cho công bằng.</li></ol>",
                    ),
                    (
                        "scenario",
                        {
                            "title": "Nhà bạn Thư ở Cái Răng",
                            "situation": "<p>Nhà Thư có bốn người. Mẹ bán hàng ở chợ từ 4 giờ "
                            "sáng, bố làm ca ở nhà máy, Thư học lớp 9, em trai Phúc học lớp 7. "
                            "Chiều nào Thư cũng nấu cơm, rửa chén và giặt đồ, còn Phúc đi đá "
                            "bóng vì “con trai không quen việc bếp”. Thư sắp thi vào lớp 10 và "
                            "thường phải thức khuya mới làm xong bài.</p>",
                            "questions": (
                                "Cách chia việc hiện nay trong nhà Thư có công bằng không? Vì sao?",
                                "Em hãy đề xuất một bảng phân công mới cho cả bốn người, phù hợp "
                                "với lịch của từng người.",
                                "Thư nên nói chuyện với bố mẹ thế nào để cả nhà cùng đồng ý?",
                            ),
                        },
                    ),
                    (
                        "worksheet",
                        {
                            "title": "Phiếu học tập: Bảng phân công việc nhà của gia đình em",
                            "document": "worksheet-chores-vi",
                            "description": "Tệp văn bản để in hoặc chép vào vở; điền cùng gia "
                            "đình trong tuần này.",
                        },
                    ),
                    (
                        "check_question",
                        {
                            "question": "Cách chia việc nhà nào dưới đây công bằng nhất?",
                            "choices": (
                                (
                                    "Chia theo thời gian rảnh và sức của từng người, luân phiên "
                                    "việc nặng.",
                                    True,
                                    "Cách chia này vừa công bằng vừa hợp với lịch của mỗi người.",
                                ),
                                (
                                    "Con gái làm việc bếp, con trai làm việc nặng.",
                                    False,
                                    "Chia theo giới tính dễ dồn việc cho một người và "
                                    "làm các bạn mất cơ hội học kỹ năng mới.",
                                ),
                                (
                                    "Ai về nhà trước thì làm hết.",
                                    False,
                                    "Người về sớm chưa chắc là người rảnh nhất; cách "
                                    "này dễ dồn việc cho một người.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p>Chia lớp thành nhóm 4 người, mỗi nhóm lập thử bảng phân "
                            "công cho gia đình Thư trên phiếu học tập, rồi mang phiếu về nhà lập "
                            "bảng cùng gia đình. Một tuần sau, mời vài em tự nguyện kể điều gì "
                            "đã thay đổi.</p>"
                            "<p>Nhắc học sinh: mục tiêu là trò chuyện với gia đình, không phải "
                            "“tố” bố mẹ. Với gia đình ông bà nuôi cháu hoặc bố mẹ đi làm xa, "
                            "gợi ý điều chỉnh bảng cho phù hợp. Nếu học sinh kể về bạo lực khi "
                            "bàn chuyện việc nhà (bị quát mắng thường xuyên, bị đánh), ghi nhận, "
                            "trao đổi riêng và làm theo quy trình bảo vệ học sinh của "
                            "trường.</p>",
                        },
                    ),
                ),
            },
            "en": {
                "title": "Making a fair chores chart",
                "slug": "fair-chores-chart",
                "summary": (
                    "Five steps for the whole family to draw up a fair chores chart, by each "
                    "person's strength and timetable rather than by boy or girl."
                ),
                "body": (
                    (
                        "paragraph",
                        "<p>Sharing housework is much easier when the whole family sits down and "
                        "agrees who does what. A chart stuck on the fridge or next to the desk "
                        "reminds everyone of their tasks and avoids the situation where "
                        "“everyone thinks someone else will do it”.</p>"
                        "<h3>Five steps to a chores chart</h3>"
                        "<ol><li><b>List</b> every household task in a week, including "
                        "“invisible” ones such as reminding grandparents to take their medicine "
                        "or remembering to buy a gas bottle.</li>"
                        "<li><b>Estimate</b> how long each task takes.</li>"
                        "<li><b>Share by strength and timetable</b> (school, work, extra "
                        "classes), not by boy or girl.</li>"
                        "<li><b>Take turns</b> with the tasks nobody likes, such as washing up "
                        "or cleaning the toilet.</li>"
                        "<li><b>Review</b> after a week and adjust to keep it fair.</li></ol>",
                    ),
                    (
                        "scenario",
                        {
                            "title": "Thư's family in Cái Răng",
                            "situation": "<p>There are four people in Thư's family. Her mother "
                            "sells at the market from 4 a.m., her father works shifts at a "
                            "factory, Thư is in grade 9 and her brother Phúc is in grade 7. "
                            "Every afternoon Thư cooks, washes up and does the laundry, while "
                            "Phúc goes to play football because “boys aren't used to kitchen "
                            "work”. Thư will soon sit the grade 10 entrance exam and often stays "
                            "up late to finish her homework.</p>",
                            "questions": (
                                "Is the way tasks are shared in Thư's home fair? Why or why not?",
                                "Propose a new chart for all four people that fits each "
                                "person's timetable.",
                                "How should Thư talk to her parents so that the whole family "
                                "agrees?",
                            ),
                        },
                    ),
                    (
                        "worksheet",
                        {
                            "title": "Worksheet: our family's chores chart",
                            "document": "worksheet-chores-en",
                            "description": "A text file to print or copy into your notebook; "
                            "fill it in with your family this week.",
                        },
                    ),
                    (
                        "check_question",
                        {
                            "question": "Which way of sharing the housework is fairest?",
                            "choices": (
                                (
                                    "By each person's free time and strength, taking turns with "
                                    "the heavy jobs.",
                                    True,
                                    "It is fair and fits everyone's timetable.",
                                ),
                                (
                                    "Girls do the kitchen work, boys do the heavy work.",
                                    False,
                                    "Sharing by sex easily overloads one person and "
                                    "stops children learning new skills.",
                                ),
                                (
                                    "Whoever gets home first does everything.",
                                    False,
                                    "Getting home first does not mean having the "
                                    "most free time; this piles the work on one person.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p>In groups of four, pupils draft a chart for Thư's "
                            "family on the worksheet, then take the worksheet home and make a "
                            "chart with their own family. A week later, invite volunteers to say "
                            "what has changed.</p>"
                            "<p>Remind pupils that the aim is a conversation with the family, "
                            "not “telling on” their parents. For children raised by "
                            "grandparents or whose parents work far away, suggest adapting the "
                            "chart. If a pupil mentions violence around housework (frequent "
                            "shouting, being hit), take note, talk privately and follow the "
                            "school's child protection procedure.</p>",
                        },
                    ),
                ),
            },
        },
        {
            "minutes": 15,
            "vi": {
                "title": "Thời gian học và chơi là quyền của em",
                "slug": "thoi-gian-hoc-va-choi",
                "summary": (
                    "Việc nhà phải vừa sức và không được lấy mất thời gian học tập, vui chơi của "
                    "trẻ em, dù là con trai hay con gái."
                ),
                "body": (
                    (
                        "paragraph",
                        "<p>Tham gia việc nhà giúp em tự lập và biết quan tâm đến người thân. "
                        "Nhưng việc nhà phải <b>vừa sức</b> và không được lấy mất thời gian học "
                        "tập, nghỉ ngơi, vui chơi của em. Luật Trẻ em năm 2016 ghi nhận quyền "
                        "được học tập và quyền được vui chơi, giải trí của mọi trẻ em, không "
                        "phân biệt trai hay gái.</p>"
                        "<p>Ở một số gia đình, các bạn gái lớn phải trông em, nấu cơm, phụ bán "
                        "hàng nhiều hơn hẳn anh em trai. Dần dần, các bạn có ít thời gian học "
                        "bài, không tham gia được câu lạc bộ, hoạt động Đội, Đoàn, và có khi phải "
                        "nghỉ học sớm. Đó là bất bình đẳng giới bắt đầu ngay trong nhà.</p>",
                    ),
                    (
                        "scenario",
                        {
                            "title": "Buổi chiều của Thảo",
                            "situation": "<p>Thảo học lớp 8 ở phường Thốt Nốt. Chiều nào tan "
                            "học, Thảo cũng đón hai em nhỏ, nấu cơm và dọn dẹp đến tối. Anh trai "
                            "Thảo học lớp 11, được miễn việc nhà để “tập trung học”. Thảo muốn "
                            "vào đội tuyển tiếng Anh của trường nhưng không có thời gian ôn "
                            "luyện.</p>",
                            "questions": (
                                "Thảo và anh trai có được tạo điều kiện học tập như nhau không?",
                                "Thảo có thể nói gì với bố mẹ? Ai khác có thể giúp Thảo trình bày?",
                                "Anh trai Thảo có thể làm gì để cả hai cùng có thời gian học?",
                            ),
                        },
                    ),
                    (
                        "myth_or_fact",
                        {
                            "statement": "Con gái lớn trong nhà phải lo việc nhà trước, việc học "
                            "tính sau.",
                            "verdict": "myth",
                            "explanation": "<p>Con trai và con gái có quyền học tập như nhau. "
                            "Việc nhà cần được chia cho mọi thành viên theo sức, để không bạn "
                            "nào phải hy sinh việc học. Một người chị gánh hết việc nhà không "
                            "phải là “ngoan” hơn, mà là đang chịu thiệt.</p>",
                        },
                    ),
                    (
                        "key_fact",
                        {
                            "title": "Khi nào cần nhờ giúp đỡ?",
                            "text": "<p>Nếu em thường xuyên phải làm việc quá sức, phải nghỉ "
                            "học để làm việc, hoặc bị đánh, bị mắng nặng nề khi chưa làm xong "
                            "việc, hãy nói với thầy cô chủ nhiệm hoặc cán bộ tư vấn của trường. "
                            "Em cũng có thể gọi Tổng đài quốc gia bảo vệ trẻ em <b>111</b>, miễn "
                            "phí.</p>",
                        },
                    ),
                    (
                        "check_question",
                        {
                            "question": "Việc nhà dành cho học sinh nên như thế nào?",
                            "choices": (
                                (
                                    "Vừa sức, chia công bằng giữa anh chị em và không lấy mất "
                                    "thời gian học, nghỉ ngơi.",
                                    True,
                                    "Tham gia việc nhà là tốt, miễn là vừa sức và công bằng.",
                                ),
                                (
                                    "Càng nhiều càng tốt, vì như vậy mới ngoan.",
                                    False,
                                    "Làm quá sức ảnh hưởng đến sức khỏe và việc học của em.",
                                ),
                                (
                                    "Chỉ con gái cần làm, con trai lo học.",
                                    False,
                                    "Con trai và con gái có quyền và trách nhiệm như nhau.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p>Bài này có thể chạm đến hoàn cảnh khó khăn của một số "
                            "học sinh (gia đình buôn bán nhỏ, bố mẹ đi làm xa, phải chăm em). "
                            "Tránh câu hỏi buộc học sinh kể chuyện nhà mình trước lớp; cho phép "
                            "viết ẩn danh nếu các em muốn chia sẻ.</p>"
                            "<p>Khi thảo luận tình huống của Thảo, hướng tới việc tìm người hỗ "
                            "trợ: giáo viên chủ nhiệm trao đổi với phụ huynh trong buổi họp, chi "
                            "đội hoặc chi đoàn giúp đỡ. Nếu nghi học sinh bị lao động quá sức "
                            "hoặc có nguy cơ bỏ học, báo Ban giám hiệu và phối hợp với chính "
                            "quyền địa phương theo quy định.</p>",
                        },
                    ),
                ),
            },
            "en": {
                "title": "Time to study and play is your right",
                "slug": "time-to-study-and-play",
                "summary": (
                    "Housework must suit a child's age and must not take away their time to "
                    "study and play, whether they are a boy or a girl."
                ),
                "body": (
                    (
                        "paragraph",
                        "<p>Helping at home makes you independent and caring toward your family. "
                        "But housework must be <b>suited to your age and strength</b> and must "
                        "not take away your time to study, rest and play. The 2016 Law on "
                        "Children recognises every child's right to education and to play and "
                        "leisure, boys and girls alike.</p>"
                        "<p>In some families older girls look after younger siblings, cook and "
                        "help at the family stall far more than their brothers. Bit by bit they "
                        "have less time for homework, cannot join clubs or Youth Union "
                        "activities, and sometimes leave school early. That is gender inequality "
                        "starting at home.</p>",
                    ),
                    (
                        "scenario",
                        {
                            "title": "Thảo's afternoons",
                            "situation": "<p>Thảo is in grade 8 in Thốt Nốt ward. Every "
                            "afternoon after school she collects her two younger siblings, cooks "
                            "and cleans until evening. Her older brother, in grade 11, is let "
                            "off housework “to concentrate on his studies”. Thảo would like to "
                            "join the school's English team but has no time to prepare.</p>",
                            "questions": (
                                "Are Thảo and her brother given the same chance to study?",
                                "What could Thảo say to her parents? Who else could help her "
                                "explain?",
                                "What could her brother do so that both of them have time to "
                                "study?",
                            ),
                        },
                    ),
                    (
                        "myth_or_fact",
                        {
                            "statement": "The eldest daughter must see to the housework first "
                            "and her studies later.",
                            "verdict": "myth",
                            "explanation": "<p>Sons and daughters have the same right to "
                            "education. Housework should be shared among all family members by "
                            "their strength, so that no child has to give up learning. A sister "
                            "who does all the housework is not “better behaved”; she is losing "
                            "out.</p>",
                        },
                    ),
                    (
                        "key_fact",
                        {
                            "title": "When should you ask for help?",
                            "text": "<p>If you often have to work beyond your strength, miss "
                            "school to work, or are hit or harshly scolded for not finishing "
                            "your tasks, tell your form teacher or the school counsellor. You "
                            "can also call the national child protection line <b>111</b>, free "
                            "of charge.</p>",
                        },
                    ),
                    (
                        "check_question",
                        {
                            "question": "What should housework for pupils be like?",
                            "choices": (
                                (
                                    "Suited to their strength, shared fairly between siblings, "
                                    "and leaving time to study and rest.",
                                    True,
                                    "Helping at home is good as long as it is fair and manageable.",
                                ),
                                (
                                    "The more the better; that is what a good child does.",
                                    False,
                                    "Too much work harms your health and your studies.",
                                ),
                                (
                                    "Only girls need to do it; boys should study.",
                                    False,
                                    "Boys and girls have the same rights and responsibilities.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p>This lesson may touch on some pupils' hardships (small "
                            "family businesses, parents working far away, caring for siblings). "
                            "Avoid questions that make pupils describe their own home in front "
                            "of the class; let them write anonymously if they want to share.</p>"
                            "<p>When discussing Thảo's story, focus on finding support: the form "
                            "teacher raising it with parents at a meeting, help from the Young "
                            "Pioneers or Youth Union branch. If you suspect a pupil is "
                            "overworked or at risk of dropping out, inform the school leadership "
                            "and work with the local authorities as the rules require.</p>",
                        },
                    ),
                ),
            },
        },
    ),
}

# --- Module 3: recognising gender-based violence and getting help -------------------------------

MODULE_VIOLENCE = {
    "cover": "cover-violence",
    "grade_min": 6,
    "grade_max": 12,
    "minutes": 50,
    "is_core": True,
    "vi": {
        "title": "Nhận biết bạo lực trên cơ sở giới và tìm kiếm sự giúp đỡ",
        "slug": "bao-luc-tren-co-so-gioi",
        "summary": (
            "Bạo lực có nhiều dạng, kể cả lời nói và trên mạng, và không bao giờ là lỗi của người "
            "bị bạo lực. Biết các dấu hiệu cảnh báo, tổng đài 1800 8065, 111 và các địa chỉ tin "
            "cậy để tìm sự giúp đỡ."
        ),
        "objectives": (
            "Nêu được các dạng bạo lực trên cơ sở giới: thể chất, tinh thần, tình dục, kinh tế, "
            "trên mạng.",
            "Nhận ra dấu hiệu cảnh báo trong tình bạn, tình yêu và trên mạng.",
            "Biết tổng đài 1800 8065, 111 và các địa chỉ tin cậy ở địa phương.",
            "Biết cách hỗ trợ khi bạn bè kể chuyện mình bị bạo lực.",
        ),
    },
    "en": {
        "title": "Recognising gender-based violence and getting help",
        "slug": "gender-based-violence",
        "summary": (
            "Violence takes many forms, including words and online abuse, and it is never the "
            "fault of the person who suffers it. Know the warning signs, the hotlines 1800 8065 "
            "and 111, and the trusted addresses where you can get help."
        ),
        "objectives": (
            "Name the forms of gender-based violence: physical, emotional, sexual, economic and "
            "online.",
            "Recognise warning signs in friendships, relationships and online.",
            "Know the hotlines 1800 8065 and 111 and the trusted addresses nearby.",
            "Know how to support a friend who says they are facing violence.",
        ),
    },
    "lessons": (
        {
            "minutes": 15,
            "vi": {
                "title": "Bạo lực trên cơ sở giới là gì?",
                "slug": "bao-luc-tren-co-so-gioi-la-gi",
                "summary": (
                    "Đánh đập không phải là dạng bạo lực duy nhất. Tìm hiểu năm dạng bạo lực "
                    "trên cơ sở giới và điều quan trọng nhất: đó không bao giờ là lỗi của em."
                ),
                "body": (
                    (
                        "paragraph",
                        "<p><b>Bạo lực trên cơ sở giới</b> là hành vi gây tổn hại về thể chất, "
                        "tinh thần, tình dục hoặc kinh tế cho một người vì người đó là nữ hay "
                        "nam, hoặc vì họ không giống khuôn mẫu mà người khác cho là “đúng” với "
                        "giới của họ. Phụ nữ và trẻ em gái là những người bị nhiều nhất, nhưng "
                        "trẻ em trai cũng có thể là nạn nhân.</p>"
                        "<h3>Bạo lực có nhiều dạng</h3>"
                        "<ul><li><b>Thể chất</b>: đánh, tát, xô đẩy, nhốt, bắt nhịn ăn.</li>"
                        "<li><b>Tinh thần</b>: chửi bới, lăng mạ, đe dọa, chê bai ngoại hình, cô "
                        "lập, kiểm soát người khác đi đâu, chơi với ai.</li>"
                        "<li><b>Tình dục</b>: đụng chạm vào vùng riêng tư khi người đó không "
                        "muốn, ép xem hoặc gửi hình ảnh nhạy cảm, trêu ghẹo mang tính tình "
                        "dục.</li>"
                        "<li><b>Kinh tế</b>: chiếm giữ tiền, không cho con gái đi học để ở nhà "
                        "làm việc, ép đi làm để lấy tiền.</li>"
                        "<li><b>Trên mạng</b>: bêu riếu, tung tin đồn, phát tán ảnh của người "
                        "khác, nhắn tin đe dọa.</li></ul>",
                    ),
                    (
                        "key_fact",
                        {
                            "title": "Điều quan trọng nhất",
                            "text": "<p>Bạo lực <b>không bao giờ</b> là lỗi của người bị bạo "
                            "lực, dù họ mặc gì, nói gì hay đã làm gì. Không ai có quyền làm tổn "
                            "thương người khác, kể cả người thân trong gia đình, bạn bè hay "
                            "người yêu.</p>",
                        },
                    ),
                    (
                        "myth_or_fact",
                        {
                            "statement": "Chỉ đánh đập mới được coi là bạo lực.",
                            "verdict": "myth",
                            "explanation": "<p>Lời nói xúc phạm, đe dọa, kiểm soát, đụng chạm "
                            "không mong muốn hay phát tán ảnh riêng tư đều là bạo lực. Những vết "
                            "thương không nhìn thấy vẫn có thể gây đau đớn rất lâu.</p>",
                        },
                    ),
                    (
                        "myth_or_fact",
                        {
                            "statement": "Trêu ghẹo về cơ thể bạn khác chỉ là đùa cho vui.",
                            "verdict": "myth",
                            "explanation": "<p>Nếu người bị trêu thấy xấu hổ, sợ hãi hay khó "
                            "chịu thì đó không còn là trò đùa mà là quấy rối. Một trò đùa chỉ "
                            "vui khi tất cả mọi người cùng vui.</p>",
                        },
                    ),
                    (
                        "check_question",
                        {
                            "question": "Hành vi nào dưới đây là bạo lực tinh thần?",
                            "choices": (
                                (
                                    "Thường xuyên chê bai, gọi bạn bằng biệt danh xúc phạm về "
                                    "ngoại hình.",
                                    True,
                                    "Lời nói lặp đi lặp lại nhằm hạ thấp người khác là bạo "
                                    "lực tinh thần.",
                                ),
                                (
                                    "Góp ý riêng, nhẹ nhàng khi bạn làm sai phần việc nhóm.",
                                    False,
                                    "Góp ý tôn trọng không phải là bạo lực.",
                                ),
                                (
                                    "Từ chối cho bạn mượn điện thoại.",
                                    False,
                                    "Em có quyền giữ đồ dùng cá nhân của mình.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p><b>Trước bài học:</b> thống nhất với lớp vài nguyên "
                            "tắc: tôn trọng, không cười cợt, không kể chuyện riêng của người "
                            "khác, ai cũng có quyền không phát biểu. Cho học sinh biết các em có "
                            "thể ra ngoài một lúc nếu thấy khó chịu.</p>"
                            "<p><b>Trong lớp có thể có học sinh đang bị bạo lực.</b> Dùng ví dụ "
                            "chung, không yêu cầu học sinh kể trải nghiệm của mình trước lớp. "
                            "Để ý các dấu hiệu: thay đổi hành vi đột ngột, hay vắng học, thương "
                            "tích không giải thích được, sợ về nhà.</p>"
                            "<p><b>Khi học sinh tâm sự:</b> lắng nghe, tin em, nói rằng đó không "
                            "phải lỗi của em, và không hứa giữ bí mật tuyệt đối. Báo ngay Ban "
                            "giám hiệu và cán bộ tư vấn tâm lý; theo Luật Trẻ em, nhà trường có "
                            "trách nhiệm thông báo khi trẻ em bị xâm hại hoặc có nguy cơ bị xâm "
                            "hại. Có thể gọi 111 hoặc 1800 8065 để được hướng dẫn.</p>",
                        },
                    ),
                ),
            },
            "en": {
                "title": "What is gender-based violence?",
                "slug": "what-is-gender-based-violence",
                "summary": (
                    "Hitting is not the only form of violence. Learn the five forms of "
                    "gender-based violence and the most important thing: it is never your fault."
                ),
                "body": (
                    (
                        "paragraph",
                        "<p><b>Gender-based violence</b> is behaviour that causes physical, "
                        "emotional, sexual or economic harm to someone because they are a woman "
                        "or a man, or because they do not fit what others think is “right” for "
                        "their gender. Women and girls suffer it most, but boys can be victims "
                        "too.</p>"
                        "<h3>Violence takes many forms</h3>"
                        "<ul><li><b>Physical</b>: hitting, slapping, pushing, locking someone "
                        "in, withholding food.</li>"
                        "<li><b>Emotional</b>: swearing, insults, threats, mocking someone's "
                        "looks, isolating them, controlling where they go and who they see.</li>"
                        "<li><b>Sexual</b>: touching someone's private parts against their will, "
                        "pressuring them to watch or send sexual images, sexual teasing.</li>"
                        "<li><b>Economic</b>: taking someone's money, keeping a daughter home "
                        "from school to work, forcing someone to work for money.</li>"
                        "<li><b>Online</b>: shaming, spreading rumours, sharing someone's "
                        "photos, threatening messages.</li></ul>",
                    ),
                    (
                        "key_fact",
                        {
                            "title": "The most important thing",
                            "text": "<p>Violence is <b>never</b> the fault of the person who "
                            "suffers it, whatever they wore, said or did. Nobody has the right "
                            "to hurt anyone, including family members, friends or a boyfriend or "
                            "girlfriend.</p>",
                        },
                    ),
                    (
                        "myth_or_fact",
                        {
                            "statement": "Only hitting counts as violence.",
                            "verdict": "myth",
                            "explanation": "<p>Insults, threats, control, unwanted touching and "
                            "sharing private photos are all violence. Wounds nobody can see can "
                            "still hurt for a very long time.</p>",
                        },
                    ),
                    (
                        "myth_or_fact",
                        {
                            "statement": "Teasing someone about their body is just a joke.",
                            "verdict": "myth",
                            "explanation": "<p>If the person being teased feels ashamed, scared "
                            "or uncomfortable, it is not a joke but harassment. A joke is only "
                            "funny when everyone is enjoying it.</p>",
                        },
                    ),
                    (
                        "check_question",
                        {
                            "question": "Which of these is emotional violence?",
                            "choices": (
                                (
                                    "Constantly mocking a classmate and calling them insulting "
                                    "nicknames about their looks.",
                                    True,
                                    "Repeated words meant to put someone down are "
                                    "emotional violence.",
                                ),
                                (
                                    "Quietly pointing out a mistake in a friend's part of a "
                                    "group task.",
                                    False,
                                    "Respectful feedback is not violence.",
                                ),
                                (
                                    "Refusing to lend your phone to a friend.",
                                    False,
                                    "You have the right to keep your own things.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p><b>Before the lesson:</b> agree a few ground rules "
                            "with the class: respect, no laughing at others, no telling other "
                            "people's private stories, and everyone may choose not to speak. "
                            "Tell pupils they may step out for a moment if they feel "
                            "uncomfortable.</p>"
                            "<p><b>Some pupils in the class may be experiencing violence.</b> "
                            "Use general examples and never ask pupils to describe their own "
                            "experiences in front of the class. Watch for signs: sudden changes "
                            "in behaviour, frequent absence, unexplained injuries, fear of going "
                            "home.</p>"
                            "<p><b>When a pupil confides in you:</b> listen, believe them, tell "
                            "them it is not their fault, and do not promise to keep it a secret. "
                            "Inform the school leadership and the counsellor at once; under the "
                            "Law on Children the school must report when a child is abused or at "
                            "risk of abuse. You can call 111 or 1800 8065 for guidance.</p>",
                        },
                    ),
                ),
            },
        },
        {
            "minutes": 20,
            "vi": {
                "title": "Dấu hiệu cảnh báo: trong tình bạn, tình yêu và trên mạng",
                "slug": "dau-hieu-canh-bao",
                "summary": (
                    "Bạo lực ít khi bắt đầu bằng một cú đánh. Nhận ra sớm sự kiểm soát, ghen "
                    "tuông, ép buộc và đe dọa bằng hình ảnh, và biết phải làm gì."
                ),
                "body": (
                    (
                        "paragraph",
                        "<p>Bạo lực ít khi bắt đầu bằng một cú đánh. Nhiều khi nó bắt đầu từ "
                        "những việc nhỏ, dễ bị nhầm là “quan tâm” hay “ghen vì thương”. Biết các "
                        "dấu hiệu cảnh báo giúp em nhận ra sớm để bảo vệ bản thân và bạn "
                        "bè.</p>"
                        "<h3>Một mối quan hệ lành mạnh</h3>"
                        "<p>Hai người tôn trọng nhau, được nói “không” mà không sợ, vẫn có bạn "
                        "bè và sở thích riêng, không ai kiểm tra điện thoại của ai.</p>"
                        "<h3>Dấu hiệu đáng lo</h3>"
                        "<ul><li>Ghen tuông, cấm em chơi với bạn khác, đòi biết em ở đâu từng "
                        "phút.</li>"
                        "<li>Đòi mật khẩu, tự ý đọc tin nhắn của em.</li>"
                        "<li>Chê bai làm em thấy mình vô dụng, rồi lại xin lỗi và hứa sẽ "
                        "thay đổi.</li>"
                        "<li>Ép em làm điều em không muốn, dọa chia tay hoặc dọa tự làm hại mình "
                        "nếu em từ chối.</li>"
                        "<li>Xin hoặc ép em gửi ảnh, video nhạy cảm; dọa tung ảnh lên "
                        "mạng.</li></ul>",
                    ),
                    (
                        "scenario",
                        {
                            "title": "Người bạn trên mạng của Khoa",
                            "situation": "<p>Khoa học lớp 10, quen một tài khoản xưng là bạn nữ "
                            "cùng tuổi qua trò chơi trực tuyến. Sau vài tuần trò chuyện thân "
                            "thiết, người này xin Khoa một tấm ảnh riêng tư và Khoa đã gửi. Ngay "
                            "hôm sau, tài khoản đó đòi Khoa chuyển 2 triệu đồng, nếu không sẽ "
                            "gửi ảnh cho cả lớp và gia đình Khoa. Khoa rất sợ và không dám kể "
                            "với ai.</p>",
                            "questions": (
                                "Khoa có đáng bị trách không? Vì sao?",
                                "Nếu là Khoa, em nên làm gì ngay lúc này? Có nên chuyển tiền "
                                "không?",
                                "Khoa có thể nhờ những ai giúp đỡ?",
                            ),
                        },
                    ),
                    (
                        "key_fact",
                        {
                            "title": "Nếu bị đe dọa bằng hình ảnh",
                            "text": "<ol><li>Không gửi thêm ảnh, không chuyển tiền: kẻ đe dọa "
                            "thường sẽ đòi thêm.</li>"
                            "<li>Chụp màn hình tin nhắn, lưu tên tài khoản làm bằng chứng.</li>"
                            "<li>Chặn và báo cáo tài khoản trên ứng dụng.</li>"
                            "<li>Kể với người lớn em tin cậy và gọi <b>111</b> hoặc <b>1800 "
                            "8065</b>. Đe dọa như vậy là vi phạm pháp luật và có thể báo công "
                            "an.</li></ol>",
                        },
                    ),
                    (
                        "check_question",
                        {
                            "question": "Bạn trai của Hân luôn đòi xem điện thoại của Hân và "
                            "giận dữ mỗi khi Hân đi chơi với bạn. Đây là gì?",
                            "choices": (
                                (
                                    "Dấu hiệu kiểm soát, có thể dẫn đến bạo lực.",
                                    True,
                                    "Quan tâm thật sự không đi kèm kiểm soát và đe dọa.",
                                ),
                                (
                                    "Biểu hiện của tình cảm sâu đậm.",
                                    False,
                                    "Ghen tuông và kiểm soát không phải thước đo của tình cảm.",
                                ),
                                (
                                    "Chuyện bình thường, Hân nên chiều theo.",
                                    False,
                                    "Hân có quyền có bạn bè và sự riêng tư.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p>Với lớp 6–7, tập trung vào tình bạn và an toàn trên "
                            "mạng; phần tình yêu phù hợp hơn từ lớp 8 trở lên. Dùng ngôn ngữ rõ "
                            "ràng nhưng không đi vào chi tiết gây sốc.</p>"
                            "<p>Khi thảo luận tình huống của Khoa, nhấn mạnh: <b>người có lỗi là "
                            "kẻ đe dọa</b>, không phải Khoa. Học sinh thường ngại kể vì sợ bị "
                            "mắng; hãy nói rõ rằng thầy cô sẽ giúp chứ không trách phạt. Nếu có "
                            "học sinh đang bị đe dọa, giúp em lưu bằng chứng, báo Ban giám hiệu, "
                            "phụ huynh (nếu an toàn cho em) và liên hệ công an hoặc tổng đài "
                            "111.</p>",
                        },
                    ),
                ),
            },
            "en": {
                "title": "Warning signs: in friendships, relationships and online",
                "slug": "warning-signs",
                "summary": (
                    "Violence rarely starts with a blow. Spot control, jealousy, pressure and "
                    "threats involving images early, and know what to do."
                ),
                "body": (
                    (
                        "paragraph",
                        "<p>Violence rarely starts with a blow. Often it starts with small "
                        "things that are easily mistaken for “caring” or “jealous because they "
                        "love you”. Knowing the warning signs helps you notice early and protect "
                        "yourself and your friends.</p>"
                        "<h3>A healthy relationship</h3>"
                        "<p>Both people respect each other, can say “no” without fear, keep "
                        "their own friends and interests, and nobody checks anybody's "
                        "phone.</p>"
                        "<h3>Signs to worry about</h3>"
                        "<ul><li>Jealousy, forbidding you to see other friends, wanting to know "
                        "where you are every minute.</li>"
                        "<li>Demanding your passwords, reading your messages.</li>"
                        "<li>Putting you down until you feel useless, then apologising and "
                        "promising to change.</li>"
                        "<li>Pressuring you to do things you do not want to, threatening to "
                        "break up or to hurt themselves if you refuse.</li>"
                        "<li>Asking for or pressuring you to send intimate photos or videos; "
                        "threatening to post them online.</li></ul>",
                    ),
                    (
                        "scenario",
                        {
                            "title": "Khoa's online friend",
                            "situation": "<p>Khoa, in grade 10, gets to know an account that "
                            "claims to be a girl his age through an online game. After a few "
                            "weeks of friendly chat, the account asks Khoa for a private photo "
                            "and he sends one. The very next day the account demands 2 million "
                            "đồng, or it will send the photo to his whole class and his family. "
                            "Khoa is terrified and does not dare tell anyone.</p>",
                            "questions": (
                                "Is Khoa to blame? Why or why not?",
                                "If you were Khoa, what should you do right now? Should you pay?",
                                "Who could Khoa ask for help?",
                            ),
                        },
                    ),
                    (
                        "key_fact",
                        {
                            "title": "If someone threatens you with images",
                            "text": "<ol><li>Do not send more images and do not pay: people who "
                            "make threats usually ask for more.</li>"
                            "<li>Take screenshots of the messages and note the account name as "
                            "evidence.</li>"
                            "<li>Block and report the account in the app.</li>"
                            "<li>Tell an adult you trust and call <b>111</b> or <b>1800 "
                            "8065</b>. Threats like this are against the law and can be reported "
                            "to the police.</li></ol>",
                        },
                    ),
                    (
                        "check_question",
                        {
                            "question": "Hân's boyfriend always insists on checking her phone "
                            "and gets angry whenever she goes out with friends. What is this?",
                            "choices": (
                                (
                                    "A sign of control that can lead to violence.",
                                    True,
                                    "Real care does not come with control and threats.",
                                ),
                                (
                                    "A sign of deep feelings.",
                                    False,
                                    "Jealousy and control are not a measure of love.",
                                ),
                                (
                                    "Normal; Hân should go along with it.",
                                    False,
                                    "Hân has the right to her friends and her privacy.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p>With grades 6–7, focus on friendship and online "
                            "safety; the part on romantic relationships suits grade 8 and up. "
                            "Use clear language without shocking detail.</p>"
                            "<p>When discussing Khoa's story, stress that <b>the person making "
                            "threats is to blame</b>, not Khoa. Pupils often keep quiet for fear "
                            "of being scolded; say plainly that teachers will help, not punish. "
                            "If a pupil is being threatened, help them keep the evidence, inform "
                            "the school leadership and the parents (if that is safe for the "
                            "pupil), and contact the police or the 111 line.</p>",
                        },
                    ),
                ),
            },
        },
        {
            "minutes": 15,
            "vi": {
                "title": "Tìm kiếm sự giúp đỡ: em không đơn độc",
                "slug": "tim-kiem-su-giup-do",
                "summary": (
                    "Ba bước để được giúp, các tổng đài miễn phí 1800 8065 và 111, địa chỉ tin "
                    "cậy ở cộng đồng, và cách hỗ trợ khi bạn em cần giúp đỡ."
                ),
                "body": (
                    (
                        "paragraph",
                        "<p>Khi gặp bạo lực, nhiều người im lặng vì xấu hổ, vì sợ bị trả thù, "
                        "hoặc vì nghĩ không ai giúp được. Nhưng em không đơn độc. Ở Cần Thơ có "
                        "nhiều người và nhiều nơi sẵn sàng lắng nghe và bảo vệ em.</p>"
                        "<h3>Ba bước để được giúp</h3>"
                        "<ol><li><b>Giữ an toàn trước tiên.</b> Nếu đang nguy hiểm, hãy đến chỗ "
                        "đông người, gọi to và gọi 113.</li>"
                        "<li><b>Nói với một người lớn em tin cậy</b>: cha mẹ, ông bà, thầy cô "
                        "chủ nhiệm, cán bộ tư vấn tâm lý của trường, cô chú ở Hội Phụ nữ khu "
                        "vực. Nếu người đầu tiên không tin em, hãy kể với người khác.</li>"
                        "<li><b>Gọi tổng đài.</b> Cuộc gọi miễn phí, em không cần nói tên nếu "
                        "chưa muốn.</li></ol>",
                    ),
                    (
                        "key_fact",
                        {
                            "title": "Những số điện thoại cần nhớ",
                            "text": "<ul><li><b>1800 8065</b>: tổng đài hỗ trợ phòng ngừa, ứng "
                            "phó bạo lực trên cơ sở giới của Trung tâm Công tác xã hội thành phố "
                            "Cần Thơ, miễn phí.</li>"
                            "<li><b>111</b>: Tổng đài điện thoại quốc gia bảo vệ trẻ em, miễn "
                            "phí, trả lời 24 giờ mỗi ngày.</li>"
                            "<li><b>113</b>: công an, khi có nguy hiểm ngay lập tức.</li></ul>",
                        },
                    ),
                    (
                        "image",
                        {
                            "image": "illustration-phone",
                            "alt_text": "Hình minh họa: một chiếc điện thoại và một bong bóng "
                            "lời nói có ba dấu chấm.",
                            "caption": "Một cuộc gọi miễn phí có thể là bước đầu tiên.",
                        },
                    ),
                    (
                        "paragraph",
                        "<h3>Địa chỉ tin cậy là gì?</h3>"
                        "<p><b>Địa chỉ tin cậy</b> là một gia đình, nhà văn hóa hoặc cơ sở ở khu "
                        "vực, ấp được chính quyền và các đoàn thể chọn để người bị bạo lực tạm "
                        "lánh an toàn trong thời gian ngắn. Ở đó, người tạm lánh được bảo vệ, "
                        "được lắng nghe và được kết nối với công an, y tế, Trung tâm Công tác xã "
                        "hội. Một số nơi còn có nhà tạm lánh, giữ kín địa chỉ để bảo vệ người ở "
                        "đó. Em có thể xem danh sách địa chỉ tin cậy theo phường, xã trên trang "
                        "<i>Tìm trợ giúp</i>.</p>",
                    ),
                    (
                        "check_question",
                        {
                            "question": "Bạn thân kể với em rằng bạn ấy thường xuyên bị người "
                            "lớn trong nhà đánh và dặn em đừng nói với ai. Em nên làm gì?",
                            "choices": (
                                (
                                    "Lắng nghe, động viên bạn, rồi cùng bạn kể với người lớn tin "
                                    "cậy hoặc gọi 111.",
                                    True,
                                    "Giữ bí mật khi bạn đang gặp nguy hiểm không phải là giúp bạn.",
                                ),
                                (
                                    "Giữ bí mật tuyệt đối như đã hứa.",
                                    False,
                                    "Khi bạn đang bị tổn hại, cần có người lớn can "
                                    "thiệp để bảo vệ bạn.",
                                ),
                                (
                                    "Đăng lên mạng xã hội để mọi người cùng biết.",
                                    False,
                                    "Việc này có thể làm bạn xấu hổ và gặp nguy hiểm hơn.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p>Cuối bài, cho cả lớp lưu số <b>1800 8065</b> và "
                            "<b>111</b> vào điện thoại hoặc ghi vào trang cuối vở. Giới thiệu cụ "
                            "thể người phụ trách tư vấn tâm lý của trường: tên, phòng làm việc, "
                            "giờ tiếp học sinh.</p>"
                            "<p>Có thể cho học sinh đóng vai: một em gọi tổng đài, một em là "
                            "nhân viên tổng đài, để các em bớt ngại. Không dùng chuyện có thật "
                            "của học sinh trong lớp.</p>"
                            "<p>Sau bài học, một số em có thể tìm đến thầy cô để tâm sự. Hãy "
                            "dành thời gian và chỗ nói chuyện riêng, lắng nghe không phán xét và "
                            "làm theo quy trình bảo vệ học sinh của trường; khi có dấu hiệu nguy "
                            "hiểm, báo ngay Ban giám hiệu và gọi 111.</p>",
                        },
                    ),
                ),
            },
            "en": {
                "title": "Getting help: you are not alone",
                "slug": "getting-help",
                "summary": (
                    "Three steps to get help, the free hotlines 1800 8065 and 111, trusted "
                    "addresses in the community, and how to support a friend who needs help."
                ),
                "body": (
                    (
                        "paragraph",
                        "<p>Faced with violence, many people stay silent out of shame, for fear "
                        "of revenge, or because they think nobody can help. But you are not "
                        "alone. In Cần Thơ there are many people and places ready to listen to "
                        "you and protect you.</p>"
                        "<h3>Three steps to get help</h3>"
                        "<ol><li><b>Safety first.</b> If you are in danger, go where there are "
                        "people, shout for help and call 113.</li>"
                        "<li><b>Tell an adult you trust</b>: a parent, a grandparent, your form "
                        "teacher, the school counsellor, someone from the local Women's Union. "
                        "If the first person does not believe you, tell someone else.</li>"
                        "<li><b>Call a hotline.</b> The call is free, and you do not have to "
                        "give your name until you are ready.</li></ol>",
                    ),
                    (
                        "key_fact",
                        {
                            "title": "Numbers to remember",
                            "text": "<ul><li><b>1800 8065</b>: the hotline for preventing and "
                            "responding to gender-based violence of Cần Thơ City's Social Work "
                            "Centre, free.</li>"
                            "<li><b>111</b>: the national child protection line, free, answered "
                            "24 hours a day.</li>"
                            "<li><b>113</b>: the police, when there is immediate danger.</li>"
                            "</ul>",
                        },
                    ),
                    (
                        "image",
                        {
                            "image": "illustration-phone",
                            "alt_text": "Illustration: a mobile phone and a speech bubble with "
                            "three dots.",
                            "caption": "A free call can be the first step.",
                        },
                    ),
                    (
                        "paragraph",
                        "<h3>What is a trusted address?</h3>"
                        "<p>A <b>trusted address</b> (địa chỉ tin cậy) is a family home, "
                        "community hall or centre in a neighbourhood or hamlet, chosen by the "
                        "local authorities and community organisations as a place where someone "
                        "facing violence can stay safely for a short time. There they are "
                        "protected, listened to and put in touch with the police, health workers "
                        "and the Social Work Centre. Some places also have shelters whose "
                        "address is kept secret to protect the people staying there. You can "
                        "find the trusted addresses in each ward and commune on the "
                        "<i>Get help</i> page.</p>",
                    ),
                    (
                        "check_question",
                        {
                            "question": "Your best friend tells you that an adult at home often "
                            "hits them, and asks you not to tell anyone. What should you do?",
                            "choices": (
                                (
                                    "Listen, support your friend, then go with them to tell a "
                                    "trusted adult or call 111.",
                                    True,
                                    "Keeping the secret while your friend is in danger "
                                    "does not help them.",
                                ),
                                (
                                    "Keep the secret completely, as you promised.",
                                    False,
                                    "When your friend is being harmed, an adult needs "
                                    "to step in to protect them.",
                                ),
                                (
                                    "Post it on social media so that everyone knows.",
                                    False,
                                    "This could shame your friend and put them in more danger.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p>At the end of the lesson, have the whole class save "
                            "<b>1800 8065</b> and <b>111</b> in their phones or write them on the "
                            "last page of their notebook. Introduce the school's counsellor "
                            "concretely: name, office, hours for pupils.</p>"
                            "<p>A role play can help pupils feel less shy: one pupil calls the "
                            "hotline, another plays the hotline worker. Never use a real story "
                            "from a pupil in the class.</p>"
                            "<p>After the lesson some pupils may come to you to confide. Make "
                            "time and a private place, listen without judging and follow the "
                            "school's child protection procedure; if there are signs of danger, "
                            "inform the school leadership at once and call 111.</p>",
                        },
                    ),
                ),
            },
        },
    ),
}

# --- Module 4: equality at school, in careers and in leadership ---------------------------------

MODULE_SCHOOL_CAREERS_LEADERSHIP = {
    "cover": "cover-leadership",
    "grade_min": 8,
    "grade_max": 12,
    "minutes": 45,
    "is_core": True,
    "vi": {
        "title": "Bình đẳng ở trường học, trong nghề nghiệp và lãnh đạo",
        "slug": "truong-hoc-nghe-nghiep-lanh-dao",
        "summary": (
            "Từ việc trực nhật, bầu lớp trưởng đến chọn ngành học và tham gia lãnh đạo: cơ hội "
            "ngang nhau cho học sinh nam và nữ, hôm nay và mai sau."
        ),
        "objectives": (
            "Nhận ra biểu hiện bình đẳng và bất bình đẳng giới trong lớp học.",
            "Chọn ngành nghề dựa trên sở thích và năng lực, không theo định kiến giới.",
            "Nêu được mục tiêu của Cần Thơ về phụ nữ tham gia lãnh đạo và vì sao điều đó quan "
            "trọng.",
            "Biết cách ủng hộ bạn bè, cả nam và nữ, tham gia các vai trò lãnh đạo.",
        ),
    },
    "en": {
        "title": "Equality at school, in careers and in leadership",
        "slug": "school-careers-leadership",
        "summary": (
            "From cleaning duty and electing a class monitor to choosing a career and taking up "
            "leadership: equal chances for boys and girls, today and tomorrow."
        ),
        "objectives": (
            "Recognise signs of gender equality and inequality in the classroom.",
            "Choose a career by interest and ability, not by gender stereotypes.",
            "State Cần Thơ's goal for women in leadership and why it matters.",
            "Know how to support classmates, boys and girls, in taking on leadership roles.",
        ),
    },
    "lessons": (
        {
            "minutes": 15,
            "vi": {
                "title": "Lớp học bình đẳng",
                "slug": "lop-hoc-binh-dang",
                "summary": (
                    "Ai được gọi phát biểu, ai làm lớp trưởng, ai khiêng bàn ghế: bình đẳng giới "
                    "hiện diện mỗi ngày trong lớp học của em."
                ),
                "body": (
                    (
                        "paragraph",
                        "<p>Bình đẳng giới không chỉ là chuyện của người lớn. Nó có mặt mỗi ngày "
                        "trong lớp học của em: ai được gọi phát biểu, ai làm lớp trưởng, ai luôn "
                        "phải ghi biên bản, ai khiêng bàn ghế, ai được chọn vào đội bóng.</p>"
                        "<p>Trong một lớp học bình đẳng:</p>"
                        "<ul><li>Bạn nam và bạn nữ đều được khuyến khích phát biểu, ứng cử cán "
                        "bộ lớp, tham gia mọi câu lạc bộ.</li>"
                        "<li>Việc trực nhật, lao động được chia theo lượt, không theo giới "
                        "tính.</li>"
                        "<li>Không ai bị trêu chọc vì ngoại hình, giọng nói, sở thích hay vì "
                        "“không giống con trai, con gái”.</li>"
                        "<li>Thầy cô và bạn bè không dùng những câu như “con gái thì biết gì về "
                        "bóng đá” hay “con trai gì mà nhút nhát”.</li></ul>",
                    ),
                    (
                        "scenario",
                        {
                            "title": "Bầu lớp trưởng lớp 9A2",
                            "situation": "<p>Lớp 9A2 bầu lớp trưởng cho năm học mới. Ngọc học "
                            "giỏi, năng nổ, đã làm tổ trưởng hai năm liền. Một bạn nam nói: "
                            "“Lớp trưởng phải là con trai mới có uy, con gái làm lớp phó văn "
                            "nghệ thôi”. Nhiều bạn cười theo, và Ngọc rút tên.</p>",
                            "questions": (
                                "Câu nói của bạn nam dựa trên định kiến nào?",
                                "Điều gì nên quyết định ai làm lớp trưởng?",
                                "Cả lớp có thể làm gì để cuộc bầu chọn công bằng hơn?",
                            ),
                        },
                    ),
                    (
                        "myth_or_fact",
                        {
                            "statement": "Học sinh nam và nữ có quyền ứng cử và được bầu vào các "
                            "vị trí trong lớp, trong Đội, Đoàn như nhau.",
                            "verdict": "fact",
                            "explanation": "<p>Luật Bình đẳng giới bảo đảm nam, nữ "
                            "bình đẳng trong giáo dục và trong tham gia các hoạt động xã hội. "
                            "Người được chọn nên là người có năng lực và tinh thần trách nhiệm, "
                            "dù là nam hay nữ.</p>",
                        },
                    ),
                    (
                        "check_question",
                        {
                            "question": "Cách chia việc trực nhật nào thể hiện bình đẳng giới?",
                            "choices": (
                                (
                                    "Chia theo lượt cho tất cả, tổ nào cũng làm đủ các việc.",
                                    True,
                                    "Ai cũng làm và học được mọi việc.",
                                ),
                                (
                                    "Bạn nữ quét lớp, bạn nam khiêng bàn ghế.",
                                    False,
                                    "Chia theo giới tính củng cố định kiến; bạn nữ "
                                    "vẫn khiêng được đồ nhẹ, bạn nam vẫn quét lớp được.",
                                ),
                                (
                                    "Bạn nào học kém thì trực nhật nhiều hơn.",
                                    False,
                                    "Trực nhật không phải hình phạt và không liên "
                                    "quan đến học lực.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p>Thầy cô là tấm gương quan trọng nhất. Trước bài học, "
                            "hãy tự quan sát: tuần vừa qua, thầy cô gọi học sinh nam và nữ phát "
                            "biểu có ngang nhau không? Ai thường được giao ghi chép, ai được "
                            "giao khiêng vác?</p>"
                            "<p>Cho cả lớp cùng xây dựng “Cam kết lớp học bình đẳng” gồm 3–5 "
                            "điều và dán ở góc lớp. Nếu có học sinh bị trêu chọc kéo dài vì "
                            "ngoại hình, giọng nói hay sự khác biệt về giới, xử lý như một vụ "
                            "bắt nạt: trao đổi riêng, báo cán bộ tư vấn tâm lý và phụ "
                            "huynh.</p>",
                        },
                    ),
                ),
            },
            "en": {
                "title": "An equal classroom",
                "slug": "equal-classroom",
                "summary": (
                    "Who is asked to speak, who becomes class monitor, who carries the desks: "
                    "gender equality is there every day in your classroom."
                ),
                "body": (
                    (
                        "paragraph",
                        "<p>Gender equality is not only a matter for adults. It is there every "
                        "day in your classroom: who gets asked to speak, who becomes class "
                        "monitor, who always takes the minutes, who carries the desks, who is "
                        "picked for the football team.</p>"
                        "<p>In an equal classroom:</p>"
                        "<ul><li>Boys and girls are equally encouraged to speak up, stand for "
                        "class roles and join any club.</li>"
                        "<li>Cleaning duty and chores are shared in turns, not by sex.</li>"
                        "<li>Nobody is teased about their looks, voice or interests, or for not "
                        "being “like a boy” or “like a girl”.</li>"
                        "<li>Teachers and classmates do not say things like “what would a girl "
                        "know about football” or “a boy shouldn't be so shy”.</li></ul>",
                    ),
                    (
                        "scenario",
                        {
                            "title": "Electing the class monitor of 9A2",
                            "situation": "<p>Class 9A2 is electing a class monitor for the new "
                            "school year. Ngọc is a strong, energetic pupil who has led her group "
                            "for two years running. A boy says: “The monitor has to be a boy to "
                            "have authority; girls can be deputy for arts.” Many classmates "
                            "laugh along, and Ngọc withdraws her name.</p>",
                            "questions": (
                                "Which stereotype is the boy's remark based on?",
                                "What should decide who becomes class monitor?",
                                "What could the class do to make the election fairer?",
                            ),
                        },
                    ),
                    (
                        "myth_or_fact",
                        {
                            "statement": "Boys and girls have the same right to stand for and be "
                            "elected to roles in their class, the Young Pioneers and the Youth "
                            "Union.",
                            "verdict": "fact",
                            "explanation": "<p>The Law on Gender Equality "
                            "guarantees equality between men and women in education and in "
                            "taking part in social activities. The person chosen should be "
                            "capable and responsible, whether a boy or a girl.</p>",
                        },
                    ),
                    (
                        "check_question",
                        {
                            "question": "Which way of organising cleaning duty reflects gender "
                            "equality?",
                            "choices": (
                                (
                                    "Everyone takes turns, and every group does every task.",
                                    True,
                                    "Everyone does, and learns, every task.",
                                ),
                                (
                                    "Girls sweep the classroom, boys carry the desks.",
                                    False,
                                    "Sharing by sex reinforces stereotypes; girls can "
                                    "carry light things and boys can sweep.",
                                ),
                                (
                                    "Pupils with lower marks do more cleaning.",
                                    False,
                                    "Cleaning duty is not a punishment and has "
                                    "nothing to do with marks.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p>Teachers are the most important role models. Before the "
                            "lesson, observe yourself: over the past week, did you ask boys and "
                            "girls to speak equally often? Who usually takes notes, who is asked "
                            "to carry things?</p>"
                            "<p>Have the class write an “Equal classroom pledge” of 3–5 points "
                            "and put it up on the wall. If a pupil is teased persistently about "
                            "their looks, voice or gender expression, treat it as bullying: talk "
                            "privately, and inform the counsellor and the parents.</p>",
                        },
                    ),
                ),
            },
        },
        {
            "minutes": 15,
            "vi": {
                "title": "Nghề nghiệp không có giới tính",
                "slug": "nghe-nghiep-khong-co-gioi-tinh",
                "summary": (
                    "Không có nghề nào chỉ dành cho nam hay nữ. Chọn tổ hợp môn, chọn ngành theo "
                    "sở thích và năng lực của em, không để định kiến chọn thay."
                ),
                "body": (
                    (
                        "paragraph",
                        "<p>Khi chọn tổ hợp môn ở lớp 10 hay chọn ngành học sau lớp 12, em có "
                        "thể sẽ nghe: “Con gái nên làm giáo viên, kế toán cho ổn định”, “Con "
                        "trai mà học điều dưỡng, dạy mầm non thì ai coi?”. Những lời khuyên này "
                        "thường xuất phát từ sự lo lắng, nhưng lại dựa trên định kiến giới.</p>"
                        "<p>Thực tế, không có nghề nào chỉ dành cho nam hay chỉ dành cho nữ. Ở "
                        "Cần Thơ, có những nữ kỹ sư làm việc ở nhà máy điện, khu công nghiệp, "
                        "phòng thí nghiệm nông nghiệp, những nữ lập trình viên ở các công ty "
                        "công nghệ; có những nam điều dưỡng chăm sóc bệnh nhân ở bệnh viện và "
                        "những thầy giáo mầm non được các bé quý mến. Điều quan trọng là em "
                        "thích gì, giỏi gì, và nghề đó đòi hỏi những gì.</p>",
                    ),
                    (
                        "key_fact",
                        {
                            "title": "Quyền của em theo pháp luật",
                            "text": "<p>Luật Bình đẳng giới quy định nam, nữ bình đẳng trong "
                            "việc lựa chọn ngành, nghề học tập, đào tạo; bình đẳng về tiêu "
                            "chuẩn, độ tuổi khi tuyển dụng, và được đối xử bình đẳng tại nơi "
                            "làm việc về việc làm, tiền công, tiền thưởng.</p>",
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "Hân muốn học Công nghệ thông tin",
                            "situation": "<p>Hân học lớp 11 ở phường Bình Thủy, rất thích lập "
                            "trình và từng đạt giải trong cuộc thi tin học trẻ của trường. Hân "
                            "muốn thi vào ngành Công nghệ thông tin. Cô chú trong họ khuyên: "
                            "“Nghề đó của con trai, ngồi máy tính suốt ngày, con gái học sư phạm "
                            "cho nhàn”.</p>",
                            "questions": (
                                "Lời khuyên của cô chú dựa trên năng lực của Hân hay giới tính "
                                "của Hân?",
                                "Hân có thể tìm thêm thông tin ở đâu để trao đổi với gia đình?",
                                "Nếu bạn thân của Hân là nam và muốn học Sư phạm mầm non, em sẽ "
                                "nói gì với bạn ấy?",
                            ),
                        },
                    ),
                    (
                        "myth_or_fact",
                        {
                            "statement": "Có những nghề chỉ nam giới mới làm tốt được.",
                            "verdict": "myth",
                            "explanation": "<p>Ngày nay hầu hết các nghề đều có cả nam và nữ "
                            "làm giỏi: phi công, bác sĩ phẫu thuật, kỹ sư xây dựng, đầu bếp, "
                            "điều dưỡng, giáo viên mầm non. Điều làm nên người giỏi nghề là đam "
                            "mê, kiến thức và sự rèn luyện, không phải giới tính.</p>",
                        },
                    ),
                    (
                        "check_question",
                        {
                            "question": "Khi chọn ngành nghề, điều gì quan trọng nhất?",
                            "choices": (
                                (
                                    "Sở thích, năng lực của em và yêu cầu của nghề.",
                                    True,
                                    "Hãy tìm hiểu kỹ nghề và bản thân, đừng để định kiến "
                                    "chọn thay em.",
                                ),
                                (
                                    "Nghề đó thường do nam hay do nữ làm.",
                                    False,
                                    "Nghề nghiệp không có giới tính.",
                                ),
                                (
                                    "Các bạn cùng giới với em chọn nghề gì.",
                                    False,
                                    "Mỗi người có sở thích và thế mạnh riêng.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p>Có thể kết hợp với giờ hoạt động trải nghiệm, hướng "
                            "nghiệp: mời một khách mời làm nghề “ngược định kiến” (nữ kỹ sư, nam "
                            "điều dưỡng, có thể là phụ huynh của lớp) trò chuyện 10–15 "
                            "phút.</p>"
                            "<p>Tôn trọng lựa chọn của mọi học sinh, kể cả khi em chọn nghề "
                            "“truyền thống” với giới của mình: mục tiêu là được tự do lựa chọn, "
                            "không phải đảo chiều định kiến. Nếu học sinh chịu áp lực lớn từ gia "
                            "đình về việc chọn ngành hoặc bị ép nghỉ học, mời cán bộ tư vấn tâm "
                            "lý hỗ trợ và trao đổi với phụ huynh.</p>",
                        },
                    ),
                ),
            },
            "en": {
                "title": "Jobs have no gender",
                "slug": "jobs-have-no-gender",
                "summary": (
                    "No job is only for men or only for women. Choose your subjects and your "
                    "career by your interests and abilities, and do not let stereotypes choose "
                    "for you."
                ),
                "body": (
                    (
                        "paragraph",
                        "<p>When you choose your subject combination in grade 10, or a course "
                        "after grade 12, you may hear: “A girl should be a teacher or an "
                        "accountant, it's secure”, or “A boy studying nursing or preschool "
                        "teaching? Who'd respect that?” Such advice usually comes from worry, "
                        "but it rests on gender stereotypes.</p>"
                        "<p>In reality no job is only for men or only for women. In Cần Thơ "
                        "there are women engineers in power plants, industrial parks and "
                        "agricultural laboratories, and women programmers in technology firms; "
                        "there are male nurses caring for patients in hospitals and male "
                        "preschool teachers whom the children adore. What matters is what you "
                        "enjoy, what you are good at, and what the job requires.</p>",
                    ),
                    (
                        "key_fact",
                        {
                            "title": "Your rights under the law",
                            "text": "<p>The Law on Gender Equality says that men and women are "
                            "equal in choosing what to study and train for, equal in the "
                            "standards and age limits for recruitment, and must be treated "
                            "equally at work in jobs, pay and bonuses.</p>",
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "Hân wants to study IT",
                            "situation": "<p>Hân is in grade 11 in Bình Thủy ward. She loves "
                            "programming and has won a prize in her school's young coders' "
                            "contest. She wants to apply for information technology at "
                            "university. Her aunt and uncle advise: “That's a job for boys, "
                            "sitting at a computer all day. A girl should study teaching, it's "
                            "easier.”</p>",
                            "questions": (
                                "Is the advice based on Hân's abilities or on her sex?",
                                "Where could Hân find more information to discuss with her family?",
                                "If Hân's best friend were a boy who wanted to study preschool "
                                "teaching, what would you say to him?",
                            ),
                        },
                    ),
                    (
                        "myth_or_fact",
                        {
                            "statement": "Some jobs can only be done well by men.",
                            "verdict": "myth",
                            "explanation": "<p>Today almost every job has both men and women "
                            "who excel at it: pilots, surgeons, civil engineers, chefs, nurses, "
                            "preschool teachers. What makes someone good at a job is passion, "
                            "knowledge and practice, not sex.</p>",
                        },
                    ),
                    (
                        "check_question",
                        {
                            "question": "When choosing a career, what matters most?",
                            "choices": (
                                (
                                    "Your interests, your abilities and what the job requires.",
                                    True,
                                    "Learn about the job and about yourself, and do not "
                                    "let stereotypes choose for you.",
                                ),
                                (
                                    "Whether the job is usually done by men or by women.",
                                    False,
                                    "Jobs have no gender.",
                                ),
                                (
                                    "What other pupils of your sex are choosing.",
                                    False,
                                    "Everyone has their own interests and strengths.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p>This fits well with careers guidance sessions: invite a "
                            "guest whose job runs against the stereotype (a woman engineer, a "
                            "male nurse, perhaps a parent from the class) for a 10–15 minute "
                            "talk.</p>"
                            "<p>Respect every pupil's choice, including a choice that is "
                            "“traditional” for their sex: the aim is free choice, not reversing "
                            "the stereotype. If a pupil is under heavy family pressure about "
                            "their course or is being made to leave school, involve the school "
                            "counsellor and talk with the parents.</p>",
                        },
                    ),
                ),
            },
        },
        {
            "minutes": 15,
            "vi": {
                "title": "Phụ nữ và trẻ em gái tham gia lãnh đạo",
                "slug": "phu-nu-tham-gia-lanh-dao",
                "summary": (
                    "Phẩm chất lãnh đạo không thuộc riêng về nam hay nữ. Vì sao cần nhiều phụ nữ "
                    "hơn ở vị trí lãnh đạo, và em có thể bắt đầu từ lớp học như thế nào."
                ),
                "body": (
                    (
                        "paragraph",
                        "<p>Lãnh đạo là biết lắng nghe, đưa ra quyết định và cùng mọi người làm "
                        "việc vì mục tiêu chung. Những phẩm chất đó không thuộc riêng về nam "
                        "hay nữ. Khi cả nam và nữ cùng tham gia lãnh đạo, quyết định của lớp "
                        "học, của trường, của phường, xã sẽ tính đến nhu cầu của nhiều người "
                        "hơn.</p>"
                        "<p>Tuy vậy, ở nhiều nơi, phụ nữ vẫn ít có mặt ở các vị trí lãnh đạo. Lý "
                        "do không phải vì họ kém năng lực, mà vì những rào cản: phải gánh phần "
                        "lớn việc nhà, định kiến rằng phụ nữ “thiếu quyết đoán”, ít được giới "
                        "thiệu và đào tạo, hoặc chính các bạn gái ngại ứng cử.</p>",
                    ),
                    (
                        "key_fact",
                        {
                            "title": "Mục tiêu của Cần Thơ",
                            "text": "<p>Thành phố Cần Thơ phấn đấu đạt <b>60%</b> cơ quan quản "
                            "lý nhà nước, chính quyền địa phương các cấp có lãnh đạo chủ chốt là "
                            "nữ, đồng thời quan tâm đào tạo, tạo nguồn cán bộ nữ, cán bộ nữ "
                            "trẻ.</p>",
                        },
                    ),
                    (
                        "paragraph",
                        "<h3>Lãnh đạo bắt đầu từ lớp học</h3>"
                        "<p>Em có thể tập làm lãnh đạo ngay từ bây giờ: ứng cử cán bộ lớp, chi "
                        "đội, chi đoàn; làm nhóm trưởng trong một dự án khoa học; tổ chức buổi "
                        "quyên góp sách cho thư viện trường. Các bạn nam cũng có vai trò quan "
                        "trọng: ủng hộ bạn nữ ứng cử, lắng nghe ý kiến của các bạn nữ, và chia "
                        "sẻ việc nhà để mẹ, chị có thời gian tham gia công việc xã hội.</p>",
                    ),
                    (
                        "myth_or_fact",
                        {
                            "statement": "Phụ nữ quá cảm tính nên không lãnh đạo tốt được.",
                            "verdict": "myth",
                            "explanation": "<p>Không có bằng chứng cho thấy phụ nữ lãnh đạo kém "
                            "hơn nam giới. Biết thấu hiểu cảm xúc là điểm mạnh của người lãnh "
                            "đạo, dù là nam hay nữ. Nhiều phụ nữ ở Việt Nam và trên thế giới đã "
                            "lãnh đạo thành công cơ quan, doanh nghiệp và địa phương.</p>",
                        },
                    ),
                    (
                        "check_question",
                        {
                            "question": "Bạn nam trong lớp có thể làm gì để ủng hộ bạn nữ tham "
                            "gia lãnh đạo?",
                            "choices": (
                                (
                                    "Khuyến khích bạn nữ ứng cử và lắng nghe ý kiến của các bạn.",
                                    True,
                                    "Sự ủng hộ của bạn bè giúp các bạn nữ tự tin hơn.",
                                ),
                                (
                                    "Nhường mọi vị trí cho bạn nữ, dù bạn ấy không muốn.",
                                    False,
                                    "Bình đẳng là có cơ hội như nhau và được tự "
                                    "chọn, không phải ép buộc.",
                                ),
                                (
                                    "Không cần làm gì, vì đó là việc của bạn nữ.",
                                    False,
                                    "Bình đẳng giới là việc chung của cả nam và nữ.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p><b>Gợi ý hoạt động:</b> mỗi nhóm tìm hiểu về một phụ "
                            "nữ đang giữ vai trò lãnh đạo ở địa phương, trong trường hoặc trong "
                            "gia đình (tổ trưởng khu vực, hiệu trưởng, chủ nhiệm hợp tác xã) và "
                            "trình bày 2 phút về công việc và khó khăn của người đó.</p>"
                            "<p>Tránh biến bài học thành cuộc tranh luận “nam giỏi hơn hay nữ "
                            "giỏi hơn”. Nhấn mạnh rằng rào cản nằm ở định kiến và hoàn cảnh, "
                            "không ở năng lực. Động viên cả học sinh nam và nữ ứng cử trong đợt "
                            "bầu cán bộ lớp tiếp theo.</p>",
                        },
                    ),
                ),
            },
            "en": {
                "title": "Women and girls in leadership",
                "slug": "women-in-leadership",
                "summary": (
                    "Leadership qualities belong to neither sex. Why more women are needed in "
                    "leading roles, and how you can start in your own classroom."
                ),
                "body": (
                    (
                        "paragraph",
                        "<p>Leading means listening, making decisions and working with others "
                        "toward a shared goal. None of these qualities belongs to men or to "
                        "women. When men and women lead together, the decisions of a class, a "
                        "school or a ward take more people's needs into account.</p>"
                        "<p>Yet in many places women are still rare in leading positions. That "
                        "is not because they are less able, but because of barriers: carrying "
                        "most of the housework, the stereotype that women “lack decisiveness”, "
                        "being nominated and trained less often, or girls themselves hesitating "
                        "to stand.</p>",
                    ),
                    (
                        "key_fact",
                        {
                            "title": "Cần Thơ's goal",
                            "text": "<p>Cần Thơ aims for <b>60%</b> of state agencies and local "
                            "governments at every level to have a woman among their key leaders, "
                            "and is training and building up a pool of women officials, young "
                            "women among them.</p>",
                        },
                    ),
                    (
                        "paragraph",
                        "<h3>Leadership starts in the classroom</h3>"
                        "<p>You can practise leading right now: stand for a class role or for "
                        "the Young Pioneers or Youth Union branch, lead a group in a science "
                        "project, organise a book drive for the school library. Boys have an "
                        "important part too: backing girls who stand, listening to girls' ideas, "
                        "and sharing the housework so that mothers and sisters have time for "
                        "community work.</p>",
                    ),
                    (
                        "myth_or_fact",
                        {
                            "statement": "Women are too emotional to be good leaders.",
                            "verdict": "myth",
                            "explanation": "<p>There is no evidence that women lead less well "
                            "than men. Understanding emotions is a strength in any leader, man "
                            "or woman. Many women in Vietnam and around the world have "
                            "successfully led agencies, businesses and local governments.</p>",
                        },
                    ),
                    (
                        "check_question",
                        {
                            "question": "What can boys in the class do to support girls in "
                            "taking on leadership?",
                            "choices": (
                                (
                                    "Encourage girls to stand and listen to their ideas.",
                                    True,
                                    "Support from classmates helps girls feel more confident.",
                                ),
                                (
                                    "Hand every role to a girl, even if she does not want it.",
                                    False,
                                    "Equality means equal chances and free choice, not pressure.",
                                ),
                                (
                                    "Nothing; it is the girls' business.",
                                    False,
                                    "Gender equality is everyone's business, men's and women's.",
                                ),
                            ),
                        },
                    ),
                    (
                        "teacher_notes",
                        {
                            "notes": "<p><b>Suggested activity:</b> each group finds out about "
                            "a woman in a leading role locally, at school or in the family (a "
                            "neighbourhood head, a head teacher, the chair of a cooperative) and "
                            "gives a two-minute talk on her work and the difficulties she "
                            "faces.</p>"
                            "<p>Do not let the lesson turn into a debate on whether men or women "
                            "are better. Stress that the barriers lie in stereotypes and "
                            "circumstances, not in ability. Encourage both boys and girls to "
                            "stand in the next class elections.</p>",
                        },
                    ),
                ),
            },
        },
    ),
}

MODULES = (
    MODULE_SEX_AND_GENDER,
    MODULE_HOUSEWORK,
    MODULE_VIOLENCE,
    MODULE_SCHOOL_CAREERS_LEADERSHIP,
)
