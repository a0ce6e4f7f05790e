"""The teacher space under /teacher/: classes and rosters (`classes`), work and progress
(`work`); and the student's home, named beside the quiz pages (`quizzes:student-home`)."""

from django.urls import path

from lms.teaching import api, classes, student, work

CLASS = "classes/<int:classroom_id>/"
STUDENT = CLASS + "students/<int:student_id>/"
ASSIGNMENT = CLASS + "assignments/<int:assignment_id>/"

urlpatterns = [
    path("", classes.teacher_home, name="teacher-home"),
    path("classes/new/", classes.class_create, name="teacher-class-new"),
    path(CLASS, classes.class_detail, name="teacher-class"),
    path(CLASS + "import/", classes.roster_import, name="teacher-roster-import"),
    path(CLASS + "cards/", classes.login_cards, name="teacher-cards"),
    path(CLASS + "passwords/", classes.new_passwords, name="teacher-passwords"),
    path(CLASS + "teachers/", classes.add_coteacher, name="teacher-coteacher"),
    path(STUDENT, work.student_detail, name="teacher-student"),
    path(STUDENT + "move/", classes.move_student, name="teacher-student-move"),
    path(STUDENT + "remove/", classes.remove_student, name="teacher-student-remove"),
    path(CLASS + "assignments/new/", work.assignment_create, name="teacher-assignment-new"),
    path(ASSIGNMENT + "extend/", work.extension_create, name="teacher-extension-new"),
    path(ASSIGNMENT + "delete/", work.assignment_delete, name="teacher-assignment-delete"),
    path(CLASS + "progress/", work.progress, name="teacher-progress"),
    path(CLASS + "questions/", work.hardest_questions, name="teacher-hardest"),
    path(
        CLASS + "quizzes/<int:quiz_id>/analysis/",
        work.class_item_analysis,
        name="teacher-item-analysis",
    ),
]

# Included by lms/urls.py in the `quizzes` namespace, where the student's links have always
# pointed.
student_patterns = [
    path("student/", student.student_home, name="student-home"),
]

# Under /api/v1/ (lms/api_urls.py).
api_patterns = [
    path("classes/", api.ClassesView.as_view(), name="classes"),
    path("classes/<int:classroom_id>/", api.ClassView.as_view(), name="class"),
    path(
        "classes/<int:classroom_id>/assignments/",
        api.AssignmentsView.as_view(),
        name="class-assignments",
    ),
    path(
        "classes/<int:classroom_id>/assignments/<int:assignment_id>/extensions/",
        api.ExtensionsView.as_view(),
        name="class-extensions",
    ),
    path(
        "classes/<int:classroom_id>/progress/",
        api.ProgressView.as_view(),
        name="class-progress",
    ),
    path(
        "classes/<int:classroom_id>/quizzes/<int:quiz_id>/item-analysis/",
        api.ItemAnalysisView.as_view(),
        name="class-item-analysis",
    ),
]
