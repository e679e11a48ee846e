"""Official documents written by the system, in the layout of Decree 30/2020/NĐ-CP.

Not a Django app (no models): ``layout`` holds the building blocks every document uses
(page, header blocks, kind and summary, body, tables, recipients, signature);
``plan_docx`` writes a plan with them. Report documents reuse ``layout`` the same way.
"""
