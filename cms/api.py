"""Wagtail's read API (/api/v2/): published pages, images and documents, open to anyone.

Lessons expose `student_body`, never their teacher notes.
"""

from rest_framework.permissions import AllowAny
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet


class PublicPages(PagesAPIViewSet):
    permission_classes = [AllowAny]


class PublicImages(ImagesAPIViewSet):
    permission_classes = [AllowAny]


class PublicDocuments(DocumentsAPIViewSet):
    permission_classes = [AllowAny]


router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", PublicPages)
router.register_endpoint("images", PublicImages)
router.register_endpoint("documents", PublicDocuments)
