"""Demo knowledge checks, one per module, written by us in Vietnamese with an English version.

Each question: (stem, [(choice, right?, feedback)], explanation) per language. The facts come from
the seed articles: the hotline 1800 8065 is free, the Month of Action runs 15/11–15/12, and the
city aims for 80% of people with basic knowledge of gender equality.
"""

Q = dict  # one question in both languages

CHECKS = {
    "gioi-va-gioi-tinh": {
        "vi": {"title": "Kiểm tra kiến thức: Giới và giới tính", "slug": "kiem-tra-kien-thuc"},
        "en": {"title": "Knowledge check: Sex and gender", "slug": "knowledge-check"},
        "questions": [
            Q(
                vi=(
                    "Điều nào dưới đây là đặc điểm <b>giới tính</b> (sinh học)?",
                    [
                        ("Khả năng mang thai và sinh con", True, "Đúng: đây là đặc điểm sinh học."),
                        (
                            "Con gái phải dịu dàng",
                            False,
                            "Đây là định kiến giới, không phải sinh học.",
                        ),
                        (
                            "Con trai giỏi toán hơn",
                            False,
                            "Đây là định kiến, không có cơ sở sinh học.",
                        ),
                    ],
                    "Giới tính là đặc điểm sinh học; giới là vai trò do xã hội tạo nên và có thể thay đổi.",
                ),
                en=(
                    "Which of these is a feature of <b>sex</b> (biology)?",
                    [
                        (
                            "Being able to carry and give birth to a baby",
                            True,
                            "Right: this is biological.",
                        ),
                        (
                            "Girls must be gentle",
                            False,
                            "This is a gender stereotype, not biology.",
                        ),
                        (
                            "Boys are better at maths",
                            False,
                            "A stereotype with no basis in biology.",
                        ),
                    ],
                    "Sex is biological; gender is the roles society makes, and they can change.",
                ),
            ),
            Q(
                vi=(
                    "Vai trò giới có thể thay đổi theo thời gian và nơi chốn.",
                    [("Đúng", True, ""), ("Sai", False, "")],
                    "Vai trò giới do xã hội tạo nên nên thay đổi được, ví dụ ngày nay nhiều bố cùng chăm con.",
                ),
                en=(
                    "Gender roles can change over time and from place to place.",
                    [("True", True, ""), ("False", False, "")],
                    "Gender roles are made by society, so they change: many fathers now care for babies too.",
                ),
            ),
            Q(
                vi=(
                    "Bạn Nam thích nấu ăn và bị trêu là “giống con gái”. Em nên làm gì?",
                    [
                        (
                            "Nói với các bạn rằng ai cũng có thể thích nấu ăn",
                            True,
                            "Em đã bênh vực bạn một cách tôn trọng.",
                        ),
                        ("Cười theo cho vui", False, "Cười theo làm lời trêu chọc mạnh thêm."),
                        ("Khuyên Nam bỏ sở thích", False, "Sở thích không có giới tính."),
                    ],
                    "Sở thích và tài năng không chia theo giới; trêu chọc vì “không giống con trai, con gái” là định kiến giới.",
                ),
                en=(
                    "Nam loves cooking and is teased for being “like a girl”. What should you do?",
                    [
                        (
                            "Tell the others anyone can love cooking",
                            True,
                            "You stood up for him respectfully.",
                        ),
                        ("Laugh along", False, "Laughing along makes the teasing stronger."),
                        ("Tell Nam to give it up", False, "Hobbies have no gender."),
                    ],
                    "Hobbies and talents are not split by gender; teasing someone for it is a stereotype.",
                ),
            ),
        ],
    },
    "chia-se-viec-nha": {
        "vi": {"title": "Kiểm tra kiến thức: Việc nhà là việc chung", "slug": "kiem-tra-kien-thuc"},
        "en": {"title": "Knowledge check: Housework is everyone's work", "slug": "knowledge-check"},
        "questions": [
            Q(
                vi=(
                    "Ai nên làm việc nhà trong gia đình?",
                    [
                        (
                            "Mọi thành viên, chia theo sức và thời gian",
                            True,
                            "Việc nhà là việc chung.",
                        ),
                        ("Chỉ mẹ", False, "Để mẹ gánh hết là không công bằng."),
                        ("Chỉ con gái", False, "Con trai cũng cần biết làm việc nhà."),
                    ],
                    "Chia sẻ việc nhà giúp mọi người có thời gian học tập, làm việc và nghỉ ngơi.",
                ),
                en=(
                    "Who should do the housework in a family?",
                    [
                        (
                            "Everyone, shared by strength and time",
                            True,
                            "Housework is everyone's work.",
                        ),
                        ("Only mum", False, "Leaving it all to mum is unfair."),
                        ("Only the daughters", False, "Sons need to know housework too."),
                    ],
                    "Sharing housework gives everyone time to study, work and rest.",
                ),
            ),
            Q(
                vi=(
                    "Chọn <b>tất cả</b> những việc con trai có thể làm ở nhà.",
                    [
                        ("Nấu cơm", True, ""),
                        ("Giặt quần áo", True, ""),
                        ("Chăm em nhỏ", True, ""),
                        ("Không việc nào cả", False, "Việc nhà không chia theo giới."),
                    ],
                    "Mọi việc nhà đều có thể do con trai hay con gái làm.",
                ),
                en=(
                    "Choose <b>every</b> job a boy can do at home.",
                    [
                        ("Cook rice", True, ""),
                        ("Wash clothes", True, ""),
                        ("Look after a little sibling", True, ""),
                        ("None of them", False, "Housework is not split by gender."),
                    ],
                    "Every household job can be done by a boy or a girl.",
                ),
            ),
            Q(
                vi=(
                    "Việc nhà không được trả lương nên không có giá trị.",
                    [("Đúng", False, ""), ("Sai", True, "")],
                    "Việc nhà và chăm sóc có giá trị lớn dù không được trả lương; cần được ghi nhận và chia sẻ.",
                ),
                en=(
                    "Housework is unpaid, so it has no value.",
                    [("True", False, ""), ("False", True, "")],
                    "Housework and care are worth a great deal even unpaid; they deserve credit and sharing.",
                ),
            ),
        ],
    },
    "bao-luc-tren-co-so-gioi": {
        "vi": {
            "title": "Kiểm tra kiến thức: Phòng chống bạo lực giới",
            "slug": "kiem-tra-kien-thuc",
        },
        "en": {
            "title": "Knowledge check: Preventing gender-based violence",
            "slug": "knowledge-check",
        },
        "questions": [
            Q(
                vi=(
                    "Số tổng đài miễn phí hỗ trợ phòng chống bạo lực giới ở Cần Thơ là gì?",
                    [],
                    "Tổng đài 1800 8065 của Trung tâm Công tác xã hội miễn phí, tư vấn cả ngày lẫn đêm.",
                    ("1800 8065", "18008065"),
                ),
                en=(
                    "Which free hotline helps against gender-based violence in Cần Thơ?",
                    [],
                    "The Social Work Centre's hotline 1800 8065 is free, day and night.",
                    ("1800 8065", "18008065"),
                ),
            ),
            Q(
                vi=(
                    "Khi một bạn kể em nghe mình bị bạo lực, điều đầu tiên em nên làm là gì?",
                    [
                        (
                            "Lắng nghe, tin bạn và cùng tìm người lớn tin cậy",
                            True,
                            "Đúng: an toàn của bạn là trên hết.",
                        ),
                        (
                            "Giữ bí mật và không nói với ai",
                            False,
                            "Giữ kín có thể khiến bạn gặp nguy hiểm hơn.",
                        ),
                        ("Hỏi bạn đã làm gì sai", False, "Nạn nhân không có lỗi."),
                    ],
                    "Lắng nghe không phán xét, tin bạn và tìm trợ giúp: thầy cô, cha mẹ, hoặc gọi 1800 8065.",
                ),
                en=(
                    "A friend tells you they suffer violence. What should you do first?",
                    [
                        (
                            "Listen, believe them and find a trusted adult together",
                            True,
                            "Right: their safety comes first.",
                        ),
                        ("Keep it secret", False, "Secrecy can leave them in more danger."),
                        ("Ask what they did wrong", False, "The victim is never to blame."),
                    ],
                    "Listen without judging, believe them and get help: a teacher, a parent, or call 1800 8065.",
                ),
            ),
            Q(
                vi=(
                    "Tháng hành động vì bình đẳng giới hằng năm diễn ra từ ngày 15/11 đến ngày 15/12.",
                    [("Đúng", True, ""), ("Sai", False, "")],
                    "Tháng hành động vì bình đẳng giới và phòng, chống bạo lực trên cơ sở giới: 15/11–15/12.",
                ),
                en=(
                    "The Month of Action for gender equality runs each year from 15 November to 15 December.",
                    [("True", True, ""), ("False", False, "")],
                    "The Month of Action for gender equality and against gender-based violence: 15/11–15/12.",
                ),
            ),
        ],
    },
    "truong-hoc-nghe-nghiep-lanh-dao": {
        "vi": {
            "title": "Kiểm tra kiến thức: Học tập, nghề nghiệp và lãnh đạo",
            "slug": "kiem-tra-kien-thuc",
        },
        "en": {
            "title": "Knowledge check: School, careers and leadership",
            "slug": "knowledge-check",
        },
        "questions": [
            Q(
                vi=(
                    "Nghề kỹ sư chỉ dành cho nam giới.",
                    [("Đúng", False, ""), ("Sai", True, "")],
                    "Nghề nghiệp không chia theo giới: nữ kỹ sư, nam điều dưỡng đều làm tốt công việc của mình.",
                ),
                en=(
                    "Engineering is a job for men only.",
                    [("True", False, ""), ("False", True, "")],
                    "Jobs are not split by gender: women engineers and men nurses do their work well.",
                ),
            ),
            Q(
                vi=(
                    "Cần Thơ đặt mục tiêu bao nhiêu phần trăm người dân có kiến thức cơ bản về bình đẳng giới?",
                    [],
                    "Mục tiêu của thành phố là 80% người dân có kiến thức cơ bản về bình đẳng giới.",
                    None,
                    80,
                ),
                en=(
                    "What percentage of people does Cần Thơ aim to reach with basic gender-equality knowledge?",
                    [],
                    "The city's target is 80% of people with basic knowledge of gender equality.",
                    None,
                    80,
                ),
            ),
            Q(
                vi=(
                    "Khi lớp bầu lớp trưởng, điều gì là công bằng?",
                    [
                        ("Chọn bạn có năng lực và được tín nhiệm, dù nam hay nữ", True, ""),
                        ("Luôn chọn một bạn nam", False, "Lãnh đạo không phụ thuộc giới tính."),
                        ("Con gái chỉ nên làm thư ký", False, "Đây là định kiến giới."),
                    ],
                    "Cơ hội lãnh đạo cần bình đẳng cho mọi học sinh.",
                ),
                en=(
                    "When the class elects its monitor, what is fair?",
                    [
                        ("Choose the able and trusted classmate, girl or boy", True, ""),
                        ("Always choose a boy", False, "Leadership does not depend on sex."),
                        ("Girls should only be secretaries", False, "That is a gender stereotype."),
                    ],
                    "Every student deserves an equal chance to lead.",
                ),
            ),
        ],
    },
}
