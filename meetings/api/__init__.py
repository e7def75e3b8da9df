from ninja import NinjaAPI

api = NinjaAPI(title="Điểm Cầu API", version="1")
