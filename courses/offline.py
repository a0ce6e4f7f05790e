"""What a pupil's phone needs to read a module without a connection: the module page, its lessons,
their images (every width the lesson template offers, so the phone picks the one it would show)
and worksheets, and the module's knowledge check. Only what this reader may see is listed."""

from django.http import HttpRequest
from wagtail.models import Page

from courses.blocks import for_audience
from courses.pages import FAMILY_QUIZ, ModulePage

# The widths the lesson image block renders (frontend/templates/courses/blocks/image.html); a
# test checks that the offline list and the lesson page name the same files.
LESSON_IMAGE_WIDTHS = (360, 720, 1080)


def may_see(page: Page, request: HttpRequest) -> bool:
    """Live, and every view restriction on it and its ancestors lets this request through."""
    return page.live and all(
        restriction.accept_request(request) for restriction in page.get_view_restrictions()
    )


def module_offline_files(*, module: ModulePage, request: HttpRequest) -> dict:
    """{"module", "pages", "images", "documents"}: addresses relative to the site, with sizes
    where the server knows them, so the phone can check its budget before it downloads."""
    user = request.user
    teacher = bool(user.is_authenticated and user.sees_teacher_notes)
    children = [
        child
        for child in Page.objects.child_of(module)
        .live()
        .exclude(FAMILY_QUIZ)  # answered by families through an invitation, never offline
        .specific()
        .order_by("path")
        if may_see(child, request)
    ]
    images, documents, seen = [], [], set()
    for child in children:
        for block in for_audience(getattr(child, "body", None) or [], teacher=teacher):
            if block.block_type == "image" and block.value["image"]:
                image = block.value["image"]
                if ("image", image.pk) not in seen:
                    seen.add(("image", image.pk))
                    images.append(_renditions(image))
            elif block.block_type == "worksheet" and block.value["document"]:
                document = block.value["document"]
                if ("document", document.pk) not in seen and _may_download(document, request):
                    seen.add(("document", document.pk))
                    documents.append({"url": document.url, "bytes": document.get_file_size()})
    return {
        "module": {"id": module.pk, "title": module.title, "url": module.get_url(request)},
        "pages": [module.get_url(request), *(child.get_url(request) for child in children)],
        "images": images,
        "documents": documents,
    }


def _renditions(image) -> list[dict]:
    specs = [f"width-{width}" for width in LESSON_IMAGE_WIDTHS]
    renditions = image.get_renditions(*specs)
    return [
        {"url": rendition.url, "width": rendition.width, "bytes": rendition.file.size}
        for rendition in (renditions[spec] for spec in specs)
    ]


def _may_download(document, request: HttpRequest) -> bool:
    return all(
        restriction.accept_request(request)
        for restriction in document.collection.get_view_restrictions()
    )
