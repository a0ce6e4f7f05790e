"""Demo content around the curriculum: the Month of Action 2026, its news, help, about, hotlines.

Data only; `cms/demo.py` loads it. Each page has a Vietnamese text ("vi", the source) and its
English translation ("en"). Stream blocks are `(type, value)` pairs with the values of
`courses.blocks.ARTICLE_BLOCKS`; an image is named by its key in `IMAGES`.

The 2026 theme, the events in the news and the trusted addresses are invented for the demo, in the
style of the real ones. Phone numbers are only the real hotlines 1800 8065 (Cần Thơ's Social Work
Centre), 111 (national child protection line) and 113 (police): never make up others.
"""

from datetime import date

CITY_NAME = "Thành phố Cần Thơ"
HOTLINE = "1800 8065"

# Pillow draws these (see cms.demo.draw_banner): a flat colour and a motif, no text.
IMAGES = {
    "campaign-2026": {
        "title": "Tháng hành động vì bình đẳng giới 2026 – ảnh bìa",
        "filename": "thang-hanh-dong-2026.png",
        "motif": "dots",
        "background": "#4A1D5C",
        "colours": ("#F28C28", "#F6D55C", "#ED6A8C", "#8FD3C8"),
    },
    "news-launch": {
        "title": "Lễ phát động tại phường Ninh Kiều – ảnh minh họa",
        "filename": "le-phat-dong-ninh-kieu.png",
        "motif": "circles",
        "background": "#F4EDE1",
        "colours": ("#7B2D8E", "#F28C28", "#1F8A70"),
    },
    "news-forum": {
        "title": "Diễn đàn học sinh – ảnh minh họa",
        "filename": "dien-dan-hoc-sinh.png",
        "motif": "stripes",
        "background": "#FFF6E5",
        "colours": ("#7B2D8E", "#ED6A8C", "#2F6690"),
    },
}

CAMPAIGN = {
    "start_date": date(2026, 11, 15),
    "end_date": date(2026, 12, 15),
    "cover": "campaign-2026",
    "vi": {
        "title": "Tháng hành động vì bình đẳng giới 2026",
        "slug": "thang-hanh-dong-2026",
        "theme": (
            "Trang bị kiến thức, tăng quyền năng cho trẻ em gái và trẻ em trai, chung tay xây "
            "dựng trường học bình đẳng, an toàn, không bạo lực trên cơ sở giới"
        ),
        "intro": (
            "Từ 15/11 đến 15/12/2026, các trường học ở Cần Thơ hưởng ứng Tháng hành động vì "
            "bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới bằng tiết học chủ "
            "đề, cuộc thi tìm hiểu trực tuyến, diễn đàn học sinh và nhiều hoạt động truyền thông."
        ),
        "body": (
            (
                "paragraph",
                "<p>Tháng hành động năm nay hướng về trường học. Mỗi lớp dành ít nhất một tiết "
                "sinh hoạt để học một chủ đề về giới và bình đẳng giới trên Học Bình Đẳng: từ "
                "chuyện chia sẻ việc nhà, định kiến giới quanh em, đến cách nhận biết bạo lực và "
                "tìm kiếm sự giúp đỡ. Thầy cô giao bài cho lớp, học sinh học trên điện thoại hoặc "
                "máy tính của trường, rồi cùng thảo luận trên lớp.</p>",
            ),
            (
                "key_fact",
                {
                    "title": "Các hoạt động chính",
                    "text": "<ul><li>Lễ phát động tại các trường trong tuần đầu tiên.</li>"
                    "<li>Cuộc thi trực tuyến <i>Hiểu đúng – Sống bình đẳng</i> với bốn vòng "
                    "thi hằng tuần dành cho học sinh từ lớp 6 đến lớp 12.</li>"
                    "<li>Diễn đàn học sinh ở từng phường, xã: các em tự nêu vấn đề và đề xuất "
                    "giải pháp.</li>"
                    "<li>Bảng tin, phát thanh học đường và mạng xã hội của trường lan tỏa thông "
                    "điệp của Tháng hành động.</li></ul>",
                },
            ),
            (
                "paragraph",
                "<p>Mục tiêu của thành phố là đến năm 2030, 80% người dân được tiếp cận kiến "
                "thức cơ bản về bình đẳng giới. Học sinh là lực lượng quan trọng: điều các em "
                "học hôm nay sẽ được mang về gia đình, xóm ấp và theo các em khi trưởng thành.</p>"
                "<p>Trong Tháng hành động, nếu em hoặc bạn em gặp bạo lực hay cảm thấy không an "
                "toàn, hãy nói với người lớn em tin cậy hoặc gọi tổng đài miễn phí "
                '<a href="tel:18008065">1800 8065</a> của Trung tâm Công tác xã hội thành phố, '
                'hay Tổng đài quốc gia bảo vệ trẻ em <a href="tel:111">111</a>.</p>',
            ),
        ),
    },
    "en": {
        "title": "Month of Action for Gender Equality 2026",
        "slug": "month-of-action-2026",
        "theme": (
            "Knowledge and empowerment for girls and boys: together for equal, safe schools free "
            "from gender-based violence"
        ),
        "intro": (
            "From 15 November to 15 December 2026, schools in Cần Thơ take part in the Month of "
            "Action for Gender Equality and the Prevention of Gender-Based Violence with themed "
            "lessons, an online knowledge contest, student forums and campaigns."
        ),
        "body": (
            (
                "paragraph",
                "<p>This year's Month of Action turns to schools. Every class spends at least "
                "one form period on a gender-equality topic on Learn Equality: from sharing "
                "housework and the stereotypes around us to recognising violence and getting "
                "help. Teachers assign the lesson to their class; pupils study on a phone or a "
                "school computer, then discuss it together in class.</p>",
            ),
            (
                "key_fact",
                {
                    "title": "Main activities",
                    "text": "<ul><li>Launch ceremonies in schools during the first week.</li>"
                    "<li>The online contest <i>Understand it, live it</i>, in four weekly "
                    "rounds for pupils from grade 6 to grade 12.</li>"
                    "<li>Student forums in every ward and commune, where pupils raise issues "
                    "and propose solutions.</li>"
                    "<li>Notice boards, school radio and the schools' social media spread the "
                    "Month's message.</li></ul>",
                },
            ),
            (
                "paragraph",
                "<p>The city aims for 80% of its people to have access to basic knowledge about "
                "gender equality by 2030. Pupils matter a great deal here: what they learn today "
                "goes home with them, into their neighbourhoods, and stays with them as they "
                "grow up.</p>"
                "<p>During the Month of Action and after it, if you or a friend faces violence or "
                "does not feel safe, tell an adult you trust, or call the free hotline "
                '<a href="tel:18008065">1800 8065</a> of the city\'s Social Work Centre, or the '
                'national child protection line <a href="tel:111">111</a>.</p>',
            ),
        ),
    },
}

NEWS = (
    {
        "date": date(2026, 11, 16),
        "cover": "news-launch",
        "vi": {
            "title": "Học sinh phường Ninh Kiều mở đầu Tháng hành động vì bình đẳng giới",
            "slug": "le-phat-dong-ninh-kieu",
            "intro": (
                "Sáng thứ Hai 16/11, ngay sau lễ chào cờ, lễ phát động Tháng hành động vì bình "
                "đẳng giới năm 2026 dành cho học sinh đã diễn ra tại một trường trung học phổ "
                "thông ở phường Ninh Kiều."
            ),
            "body": (
                (
                    "paragraph",
                    "<p>Hàng trăm học sinh, thầy cô và phụ huynh đã cùng tham dự buổi lễ. Mở "
                    "đầu chương trình, đội văn nghệ của trường trình diễn tiểu phẩm "
                    "<i>Bữa cơm nhà Nam</i>, kể về một gia đình lúc nào cũng để mẹ và chị gái lo "
                    "hết việc bếp núc, cho đến khi cả nhà ngồi lại bàn cách chia việc. Tiểu phẩm "
                    "nhận được nhiều tràng vỗ tay vì ai cũng thấy gia đình mình trong đó.</p>",
                ),
                (
                    "paragraph",
                    "<p>Đại diện ngành giáo dục thành phố nhấn mạnh: trường học là nơi tốt nhất "
                    "để các em hiểu rằng con trai và con gái có quyền và cơ hội như nhau, và "
                    "không ai đáng bị bạo lực. Trong tháng, mỗi lớp sẽ học ít nhất một chủ đề "
                    "trên Học Bình Đẳng và tham gia cuộc thi trực tuyến <i>Hiểu đúng – Sống bình "
                    "đẳng</i>.</p>",
                ),
                (
                    "image",
                    {
                        "image": "news-launch",
                        "alt_text": "Hình minh họa: một hàng hình tròn to nhỏ màu tím, cam và "
                        "xanh lá xếp sát nhau trên nền kem.",
                        "caption": "Nhiều bạn, một thông điệp: cùng nhau vì bình đẳng.",
                    },
                ),
                (
                    "key_fact",
                    {
                        "title": "Ghi nhớ",
                        "text": "<p>Tổng đài <b>1800 8065</b> của Trung tâm Công tác xã hội "
                        "thành phố miễn phí cước gọi. Cán bộ tổng đài lắng nghe, tư vấn và kết "
                        "nối em với sự hỗ trợ gần nhất.</p>",
                    },
                ),
            ),
        },
        "en": {
            "title": "Pupils in Ninh Kiều open the Month of Action for Gender Equality",
            "slug": "launch-in-ninh-kieu",
            "intro": (
                "On Monday morning, 16 November, straight after the flag ceremony, the 2026 "
                "Month of Action for Gender Equality was launched for pupils at an upper "
                "secondary school in Ninh Kiều ward."
            ),
            "body": (
                (
                    "paragraph",
                    "<p>Hundreds of pupils, teachers and parents attended. The school's drama "
                    "group opened with a short play, <i>Dinner at Nam's</i>, about a family "
                    "where the mother and the elder sister always do all the cooking, until the "
                    "whole family sits down to share out the work. The play drew long applause: "
                    "everyone recognised their own home in it.</p>",
                ),
                (
                    "paragraph",
                    "<p>A representative of the city's education sector stressed that school is "
                    "the best place to learn that boys and girls have the same rights and "
                    "chances, and that nobody deserves violence. During the month every class "
                    "will study at least one topic on Learn Equality and take part in the online "
                    "contest <i>Understand it, live it</i>.</p>",
                ),
                (
                    "image",
                    {
                        "image": "news-launch",
                        "alt_text": "Illustration: a row of large and small purple, orange and "
                        "green discs side by side on a cream background.",
                        "caption": "Many friends, one message: together for equality.",
                    },
                ),
                (
                    "key_fact",
                    {
                        "title": "Remember",
                        "text": "<p>The hotline <b>1800 8065</b> of the city's Social Work "
                        "Centre is free to call. Its staff listen, give advice and put you in "
                        "touch with the nearest help.</p>",
                    },
                ),
            ),
        },
    },
    {
        "date": date(2026, 12, 4),
        "cover": "news-forum",
        "vi": {
            "title": (
                "Diễn đàn “Tiếng nói học sinh vì bình đẳng giới” và vòng 3 cuộc thi trực tuyến"
            ),
            "slug": "dien-dan-tieng-noi-hoc-sinh",
            "intro": (
                "Chiều 4/12, học sinh các trường trung học cơ sở và trung học phổ thông ở phường "
                "Cái Răng tham gia diễn đàn về bình đẳng giới, cùng lúc cuộc thi trực tuyến "
                "bước sang vòng 3."
            ),
            "body": (
                (
                    "paragraph",
                    "<p>Tại diễn đàn, các em thẳng thắn nêu những điều mình gặp hằng ngày: bạn "
                    "nữ bị trêu khi chọn câu lạc bộ bóng đá, bạn nam bị chê “yếu đuối” khi "
                    "khóc, những lời bình luận về ngoại hình trên mạng xã hội. Mỗi nhóm sau đó "
                    "đề xuất một việc làm cụ thể cho lớp mình, như luân phiên trực nhật không "
                    "phân biệt nam nữ hay cam kết không chia sẻ ảnh của bạn khi chưa được đồng "
                    "ý.</p>",
                ),
                (
                    "paragraph",
                    "<p>Cuộc thi trực tuyến <i>Hiểu đúng – Sống bình đẳng</i> đã qua hai vòng. "
                    "Vòng 3 mở từ hôm nay đến hết ngày 10/12, với các câu hỏi về nhận biết bạo "
                    "lực trên cơ sở giới và các địa chỉ tin cậy trong cộng đồng. Như mọi vòng, "
                    "câu hỏi phụ là dự đoán số người trả lời đúng tất cả các câu.</p>",
                ),
                (
                    "key_fact",
                    {
                        "title": "Tham gia thế nào?",
                        "text": "<p>Đăng nhập bằng tài khoản lớp học của em, mở trang Tháng "
                        "hành động 2026 và chọn vòng thi đang mở. Mỗi vòng làm một lần; bài làm "
                        "được tự động lưu nếu mạng chập chờn.</p>",
                    },
                ),
            ),
        },
        "en": {
            "title": "Student forum “Pupils' voices for gender equality” and contest round 3",
            "slug": "student-forum",
            "intro": (
                "On the afternoon of 4 December, lower and upper secondary pupils in Cái Răng "
                "ward met for a forum on gender equality, as the online contest moved on to "
                "round 3."
            ),
            "body": (
                (
                    "paragraph",
                    "<p>At the forum pupils spoke frankly about what they meet every day: girls "
                    "teased for joining the football club, boys called “weak” for crying, "
                    "comments about looks on social media. Each group then proposed one concrete "
                    "step for its own class, such as cleaning duty shared in turns whatever a "
                    "pupil's sex, or a promise never to share a classmate's photo without their "
                    "consent.</p>",
                ),
                (
                    "paragraph",
                    "<p>The online contest <i>Understand it, live it</i> has completed two "
                    "rounds. Round 3 runs from today until the end of 10 December, with "
                    "questions on recognising gender-based violence and on the trusted addresses "
                    "in the community. As in every round, the tie-break asks you to predict how "
                    "many people will answer every question correctly.</p>",
                ),
                (
                    "key_fact",
                    {
                        "title": "How to take part",
                        "text": "<p>Sign in with your class account, open the Month of Action "
                        "2026 page and choose the round that is open. Each round can be taken "
                        "once; your answers are saved automatically if the connection drops.</p>",
                    },
                ),
            ),
        },
    },
)

HELP_PAGE = {
    "vi": {
        "title": "Tìm trợ giúp",
        "slug": "tro-giup",
        "intro": (
            "<p>Nếu em hoặc bạn em đang bị bạo lực, bị xâm hại hay cảm thấy không an toàn: "
            "<b>đó không phải lỗi của em</b>, và em không phải chịu đựng một mình. Hãy nói với "
            "một người lớn em tin cậy, hoặc gọi ngay tổng đài miễn phí "
            '<a href="tel:18008065">1800 8065</a>.</p>'
        ),
        "body": (
            (
                "key_fact",
                {
                    "title": "Nếu đang nguy hiểm ngay lúc này",
                    "text": "<p>Hãy tìm đến nơi có nhiều người, gọi to để được giúp và gọi "
                    '<a href="tel:113">113</a> (công an). Khi đã an toàn, hãy báo cho người lớn '
                    "em tin cậy.</p>",
                },
            ),
            (
                "paragraph",
                "<h2>Em có thể làm gì?</h2>"
                "<ol><li><b>Nói với người lớn em tin cậy</b>: cha mẹ, ông bà, anh chị, giáo "
                "viên chủ nhiệm, thầy cô phụ trách tư vấn tâm lý của trường. Nếu người đầu tiên "
                "không lắng nghe, hãy nói với người khác.</li>"
                '<li><b>Gọi tổng đài <a href="tel:18008065">1800 8065</a></b> của Trung tâm '
                "Công tác xã hội thành phố Cần Thơ. Cuộc gọi miễn phí; em không cần nói tên nếu "
                "chưa muốn.</li>"
                '<li><b>Gọi <a href="tel:111">111</a></b>, Tổng đài điện thoại quốc gia bảo vệ '
                "trẻ em, miễn phí, trả lời cả ngày lẫn đêm.</li>"
                "<li><b>Tìm đến một địa chỉ tin cậy</b> ở phường, xã của em (danh sách bên "
                "dưới): nơi em được tạm lánh an toàn và được kết nối với người có thể giúp.</li>"
                "</ol>",
            ),
            (
                "paragraph",
                "<h2>Khi em gọi tổng đài</h2>"
                "<p>Người nghe máy được đào tạo để lắng nghe mà không phán xét. Họ sẽ hỏi em có "
                "đang an toàn không, cùng em nghĩ cách giữ an toàn, và nếu cần thì kết nối với "
                "nhân viên công tác xã hội, cơ sở y tế, công an hoặc trợ giúp pháp lý. Những gì "
                "em kể được giữ kín, trừ khi cần chia sẻ để bảo vệ tính mạng và an toàn của "
                "em.</p>",
            ),
            (
                "paragraph",
                "<h2>Nếu bạn em kể chuyện với em</h2>"
                "<ul><li>Lắng nghe, tin bạn, và nói rằng đó không phải lỗi của bạn.</li>"
                "<li>Không kể lại cho người khác để bàn tán, không đăng lên mạng.</li>"
                "<li>Động viên bạn nói với người lớn tin cậy hoặc gọi tổng đài; em có thể đi "
                "cùng bạn.</li>"
                "<li>Nếu bạn đang gặp nguy hiểm, đừng hứa giữ bí mật: hãy báo cho người lớn.</li>"
                "</ul>",
            ),
            (
                "key_fact",
                {
                    "title": "Thoát nhanh",
                    "text": "<p>Nếu có người đang nhìn màn hình của em, bấm nút "
                    "<b>Thoát nhanh</b> ở đầu trang: trang này sẽ được thay bằng một trang "
                    "khác. Hãy nhớ xóa lịch sử trình duyệt nếu em dùng máy chung.</p>",
                },
            ),
        ),
    },
    "en": {
        "title": "Get help",
        "slug": "help",
        "intro": (
            "<p>If you or a friend is facing violence or abuse, or does not feel safe: <b>it "
            "is not your fault</b>, and you do not have to bear it alone. Tell an adult you "
            "trust, or call the free hotline "
            '<a href="tel:18008065">1800 8065</a> now.</p>'
        ),
        "body": (
            (
                "key_fact",
                {
                    "title": "If you are in danger right now",
                    "text": "<p>Go somewhere with other people around, shout for help and call "
                    '<a href="tel:113">113</a> (police). When you are safe, tell an adult you '
                    "trust.</p>",
                },
            ),
            (
                "paragraph",
                "<h2>What you can do</h2>"
                "<ol><li><b>Tell an adult you trust</b>: a parent, a grandparent, an older "
                "brother or sister, your form teacher, the school's counsellor. If the first "
                "person does not listen, tell someone else.</li>"
                '<li><b>Call <a href="tel:18008065">1800 8065</a></b>, the hotline of Cần '
                "Thơ's Social Work Centre. The call is free and you do not have to give your "
                "name.</li>"
                '<li><b>Call <a href="tel:111">111</a></b>, the national child protection '
                "line: free, answered day and night.</li>"
                "<li><b>Go to a trusted address</b> in your ward or commune (see the list "
                "below): a place where you can stay safe for a while and be put in touch with "
                "people who can help.</li></ol>",
            ),
            (
                "paragraph",
                "<h2>When you call a hotline</h2>"
                "<p>The person who answers is trained to listen without judging. They will ask "
                "whether you are safe now, think with you about how to stay safe and, if "
                "needed, put you in touch with a social worker, a health centre, the police or "
                "legal aid. What you say is kept confidential, unless it has to be shared to "
                "protect your life and safety.</p>",
            ),
            (
                "paragraph",
                "<h2>If a friend confides in you</h2>"
                "<ul><li>Listen, believe them, and tell them it is not their fault.</li>"
                "<li>Do not pass it on as gossip and do not post about it online.</li>"
                "<li>Encourage them to tell a trusted adult or call a hotline; you can go with "
                "them.</li>"
                "<li>If they are in danger, do not promise to keep it secret: tell an adult.</li>"
                "</ul>",
            ),
            (
                "key_fact",
                {
                    "title": "Quick exit",
                    "text": "<p>If someone is watching your screen, press <b>Quick exit</b> at "
                    "the top of the page: this page is replaced by another one. Remember to "
                    "clear the browser history if you share the device.</p>",
                },
            ),
        ),
    },
}

ABOUT_PAGE = {
    "vi": {
        "title": "Giới thiệu",
        "slug": "gioi-thieu",
        "intro": (
            "Học Bình Đẳng giúp học sinh Cần Thơ học những điều cơ bản về giới và bình đẳng giới "
            "qua bài học ngắn, bài kiểm tra luyện tập và cuộc thi của nhà trường."
        ),
        "body": (
            (
                "paragraph",
                "<p>Chiến lược quốc gia về bình đẳng giới giai đoạn 2021–2030 đặt mục tiêu để "
                "phần lớn người dân được tiếp cận kiến thức cơ bản về bình đẳng giới. Thành phố "
                "Cần Thơ đưa nội dung về giới và bình đẳng giới vào chương trình giảng dạy theo "
                "quy định, và phấn đấu đạt <b>80% dân số</b> được tiếp cận kiến thức cơ bản về "
                "bình đẳng giới.</p>"
                "<p>Học Bình Đẳng là một công cụ cho mục tiêu ấy. Nội dung được biên tập viên "
                "soạn, được duyệt trước khi đăng, và được viết riêng cho học sinh từ lớp 6 đến "
                "lớp 12: ngắn, gần gũi với đời sống gia đình và trường học ở Cần Thơ.</p>",
            ),
            (
                "key_fact",
                {
                    "title": "Ai dùng Học Bình Đẳng?",
                    "text": "<ul><li><b>Học sinh</b> đọc bài, làm bài luyện tập, tham gia "
                    "cuộc thi.</li>"
                    "<li><b>Giáo viên</b> giao bài cho lớp và theo dõi tiến bộ.</li>"
                    "<li><b>Biên tập viên</b> soạn bài học, câu hỏi và cuộc thi.</li>"
                    "<li><b>Cán bộ phụ trách</b> theo dõi tiến độ hướng tới mục tiêu 80%.</li>"
                    "</ul>",
                },
            ),
            (
                "paragraph",
                "<p>Học sinh là trẻ vị thành niên, nên chúng tôi chỉ thu thập những thông tin "
                "tối thiểu cần cho việc học: tên hiển thị, trường, lớp, khối, giới tính và năm "
                "sinh. Bảng xếp hạng công khai không bao giờ hiện họ tên đầy đủ.</p>",
            ),
        ),
    },
    "en": {
        "title": "About",
        "slug": "about",
        "intro": (
            "Learn Equality helps pupils in Cần Thơ learn the basics of gender and gender "
            "equality through short lessons, practice quizzes and school contests."
        ),
        "body": (
            (
                "paragraph",
                "<p>The National Strategy on Gender Equality 2021–2030 aims for most people to "
                "have access to basic knowledge about gender equality. Cần Thơ is bringing "
                "gender and gender-equality content into the school curriculum as the "
                "regulations require, and aims for <b>80% of its population</b> to have access "
                "to basic knowledge about gender equality.</p>"
                "<p>Learn Equality is one tool toward that goal. Its content is written by "
                "editors, reviewed before it is published, and made for pupils from grade 6 to "
                "grade 12: short, and close to family and school life in Cần Thơ.</p>",
            ),
            (
                "key_fact",
                {
                    "title": "Who uses Learn Equality?",
                    "text": "<ul><li><b>Pupils</b> read lessons, take practice quizzes and "
                    "join contests.</li>"
                    "<li><b>Teachers</b> assign work to their classes and follow progress.</li>"
                    "<li><b>Editors</b> write lessons, questions and contests.</li>"
                    "<li><b>Programme officers</b> follow progress toward the 80% target.</li>"
                    "</ul>",
                },
            ),
            (
                "paragraph",
                "<p>Pupils are minors, so we collect only what learning needs: a display name, "
                "school, class, grade, sex and year of birth. Public rankings never show full "
                "names.</p>",
            ),
        ),
    },
}

# Hotline snippets: the Vietnamese row, then its English translation. The footer shows the first
# hotline marked show_in_footer.
HOTLINES = (
    {
        "number": HOTLINE,
        "is_free": True,
        "show_in_footer": True,
        "sort_order": 0,
        "vi": {
            "name": "Tổng đài hỗ trợ phòng ngừa, ứng phó bạo lực trên cơ sở giới",
            "description": (
                "Trung tâm Công tác xã hội thành phố Cần Thơ: lắng nghe, tư vấn và kết nối hỗ "
                "trợ cho người bị bạo lực hoặc có nguy cơ bị bạo lực."
            ),
            "hours": "",
        },
        "en": {
            "name": "Hotline for preventing and responding to gender-based violence",
            "description": (
                "Cần Thơ City Social Work Centre: listens, advises and connects people who face "
                "or are at risk of violence with help."
            ),
            "hours": "",
        },
    },
    {
        "number": "111",
        "is_free": True,
        "show_in_footer": False,
        "sort_order": 1,
        "vi": {
            "name": "Tổng đài điện thoại quốc gia bảo vệ trẻ em",
            "description": (
                "Tiếp nhận thông tin, tư vấn và kết nối hỗ trợ khi trẻ em bị bạo lực, xâm hại "
                "hoặc có nguy cơ bị xâm hại."
            ),
            "hours": "24/7",
        },
        "en": {
            "name": "National child protection hotline",
            "description": (
                "Takes reports, gives advice and arranges help when a child faces violence or "
                "abuse, or is at risk of it."
            ),
            "hours": "24/7",
        },
    },
    {
        "number": "113",
        "is_free": True,
        "show_in_footer": False,
        "sort_order": 2,
        "vi": {
            "name": "Công an (cấp cứu an ninh, trật tự)",
            "description": "Gọi ngay khi em hoặc người khác đang gặp nguy hiểm.",
            "hours": "24/7",
        },
        "en": {
            "name": "Police emergency",
            "description": "Call straight away when you or someone else is in danger.",
            "hours": "24/7",
        },
    },
)

# Trusted addresses (not translated). Names and places are generic on purpose; shelters give no
# address, to protect the people staying there.
TRUSTED_ADDRESSES = (
    {
        "name": "Trung tâm Công tác xã hội thành phố Cần Thơ",
        "kind": "social_work",
        "area": "Phường Ninh Kiều",
        "address": "Gọi tổng đài 1800 8065 để được hướng dẫn nơi tiếp nhận gần nhất",
        "phone": HOTLINE,
        "opening_hours": "",
        "description": (
            "Tư vấn, hỗ trợ tâm lý và kết nối dịch vụ cho người bị bạo lực trên cơ sở giới, "
            "trẻ em bị xâm hại và gia đình các em. Gọi miễn phí."
        ),
    },
    {
        "name": "Địa chỉ tin cậy khu vực 3, phường Ninh Kiều",
        "kind": "trusted_address",
        "area": "Phường Ninh Kiều",
        "address": "Nhà văn hóa khu vực 3, phường Ninh Kiều",
        "phone": "",
        "opening_hours": "Khi cần, cả ngày lẫn đêm",
        "description": (
            "Nơi tạm lánh ngắn ngày, an toàn cho người đang gặp bạo lực; cán bộ khu vực và Chi "
            "hội Phụ nữ kết nối với công an, y tế và Trung tâm Công tác xã hội."
        ),
    },
    {
        "name": "Nhà tạm lánh cộng đồng phường Cái Răng",
        "kind": "shelter",
        "area": "Phường Cái Răng",
        "address": "Địa chỉ không công khai: liên hệ qua tổng đài 1800 8065 hoặc Ủy ban nhân "
        "dân phường",
        "phone": HOTLINE,
        "opening_hours": "Khi cần, cả ngày lẫn đêm",
        "description": (
            "Chỗ ở tạm thời, giữ bí mật cho phụ nữ và trẻ em cần rời khỏi nơi không an toàn, "
            "trong khi chờ được hỗ trợ lâu dài."
        ),
    },
    {
        "name": "Địa chỉ tin cậy khu vực 5, phường Cái Răng",
        "kind": "trusted_address",
        "area": "Phường Cái Răng",
        "address": "Nhà văn hóa khu vực 5, phường Cái Răng",
        "phone": "",
        "opening_hours": "Khi cần, cả ngày lẫn đêm",
        "description": "Tạm lánh an toàn, lắng nghe và giới thiệu tới nơi hỗ trợ phù hợp.",
    },
    {
        "name": "Trạm Y tế phường Bình Thủy",
        "kind": "health",
        "area": "Phường Bình Thủy",
        "address": "Trạm Y tế phường Bình Thủy",
        "phone": "",
        "opening_hours": "Thứ Hai đến thứ Sáu, 7:00–17:00; trực cấp cứu ngoài giờ",
        "description": (
            "Khám, sơ cứu và ghi nhận thương tích; giới thiệu chuyển tuyến và hỗ trợ tâm lý "
            "ban đầu."
        ),
    },
    {
        "name": "Công an phường Ô Môn",
        "kind": "police",
        "area": "Phường Ô Môn",
        "address": "Trụ sở Công an phường Ô Môn",
        "phone": "113",
        "opening_hours": "24/7",
        "description": "Tiếp nhận tố giác, can thiệp khi có bạo lực, bảo vệ người bị hại.",
    },
    {
        "name": "Địa chỉ tin cậy xã Phong Điền",
        "kind": "trusted_address",
        "area": "Xã Phong Điền",
        "address": "Nhà văn hóa xã Phong Điền (hỏi Chi hội Phụ nữ ấp nơi em ở)",
        "phone": "",
        "opening_hours": "Khi cần, cả ngày lẫn đêm",
        "description": (
            "Tạm lánh ngắn ngày cho người đang gặp bạo lực; cán bộ xã kết nối với công an, y tế "
            "và Trung tâm Công tác xã hội."
        ),
    },
    {
        "name": "Điểm trợ giúp pháp lý phường Tân An",
        "kind": "legal_aid",
        "area": "Phường Tân An",
        "address": "Bộ phận tiếp công dân, Ủy ban nhân dân phường Tân An",
        "phone": "",
        "opening_hours": "Thứ Hai đến thứ Sáu, giờ hành chính",
        "description": (
            "Hướng dẫn miễn phí về quyền của người bị bạo lực và trẻ em, thủ tục yêu cầu biện "
            "pháp bảo vệ."
        ),
    },
)
